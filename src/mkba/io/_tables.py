"""Parameter tables (kengetallen sheets): reading and writing CSV and Excel.

Public through :mod:`mkba.parameters`: :func:`read_parameters`, :func:`write_parameters`,
:func:`parameters_frame`.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
import warnings
from collections.abc import Iterable
from numbers import Real
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkba.distributions import Dirichlet, distribution_from_record
from mkba.errors import SpecificationError, closest

if TYPE_CHECKING:
    import pandas as pd

    from mkba.parameters import Parameter

__all__ = [
    "MAX_TABLE_BYTES", "MAX_TABLE_COLUMNS", "MAX_TABLE_ROWS", "MAX_WORKBOOK_BYTES",
    "MAX_WORKBOOK_PARTS", "TABLE_COLUMNS", "parameters_frame", "read_parameters",
    "write_parameters",
]

#: Columns of a parameter table, in the order :func:`write_parameters` writes them. Only
#: ``name`` and ``value`` are required; the distribution arguments are read by ``dist``.
TABLE_COLUMNS = (
    "name", "value", "dist", "low", "mode", "high", "lamb", "mean", "sd", "mu", "sigma",
    "a", "b", "shape", "scale", "unit", "price_year", "source", "label", "description", "grade",
)
_DIST_COLUMNS = TABLE_COLUMNS[3:15]
_TEXT_COLUMNS = ("unit", "source", "label", "description")
#: Largest parameter table read, in bytes and rows.
MAX_TABLE_BYTES = 20_000_000
MAX_TABLE_ROWS = 10_000
#: Widest header row of a sheet, in columns.
MAX_TABLE_COLUMNS = 256
#: Largest total size of an Excel workbook's parts once unpacked, in bytes, and most parts
#: (a ``.xlsx`` file is a zip archive; this refuses zip bombs before they are unpacked).
MAX_WORKBOOK_BYTES = 100_000_000
MAX_WORKBOOK_PARTS = 10_000


def parameters_frame(params: Iterable[Parameter]) -> pd.DataFrame:
    """The parameters as a table, one row per parameter.

    Parameters
    ----------
    params : iterable of Parameter

    Returns
    -------
    DataFrame
        Columns ``name, value, dist`` (the distribution's type, e.g. ``PERT``), the
        distribution arguments in use (``low, mode, high`` and whichever of ``lamb, mean,
        sd, mu, sigma, a, b, shape, scale`` any parameter needs), then ``unit, price_year,
        source, label, description, grade``. Missing entries are ``None``.

    Examples
    --------
    >>> from mkba.distributions import PERT
    >>> from mkba.parameters import Parameter
    >>> f = parameters_frame([Parameter(name="p", value=75.0, dist=PERT(60, 75, 95))])
    >>> f.loc[0, ["name", "dist", "low", "high"]].tolist()
    ['p', 'PERT', 60.0, 95.0]
    """
    import pandas as pd

    rows: list[dict[str, Any]] = []
    for p in params:
        if isinstance(p.dist, Dirichlet):  # one row per share: name[target], share, alpha
            assert isinstance(p.value, dict)
            for target, alpha in p.dist.alpha:
                row = dict.fromkeys(TABLE_COLUMNS)
                row.update(name=f"{p.name}[{target}]", value=p.value[target], dist="Dirichlet",
                           a=alpha, unit=p.unit, source=p.source, label=p.label,
                           description=p.description, grade=p.grade)
                rows.append(row)
            continue
        row = dict.fromkeys(TABLE_COLUMNS)
        row.update(name=p.name, value=p.value, unit=p.unit, price_year=p.price_year,
                   source=p.source, label=p.label, description=p.description, grade=p.grade)
        if p.dist is not None:
            d = p.dist.to_dict()
            row["dist"] = d.pop("type")
            if row["dist"] == "Fixed":
                d.pop("value")
            defaults = p.dist._defaults
            row.update({k: v for k, v in d.items() if defaults.get(k) != v})
        rows.append(row)
    used = [c for c in _DIST_COLUMNS if c in ("low", "mode", "high")
            or any(r[c] is not None for r in rows)]
    columns = ["name", "value", "dist", *used, *TABLE_COLUMNS[15:]]
    return pd.DataFrame(rows, columns=columns, dtype=object)


def write_parameters(params: Iterable[Parameter], path: str | os.PathLike[str]) -> None:
    """Write parameters to a CSV or Excel (``.xlsx``) table that :func:`read_parameters`
    reads back to equal parameters.

    The file is written atomically (a temporary file, then renamed), so an interrupted
    write leaves an earlier table intact.

    Parameters
    ----------
    params : iterable of Parameter
    path : str or PathLike
        Ends in ``.csv`` or ``.xlsx``.

    Raises
    ------
    SpecificationError
        Another suffix, or ``openpyxl`` missing for Excel.
    OSError
        The file cannot be written.
    """
    from mkba.files import atomic_path
    from mkba.formatting import FORMULA_STARTS, spreadsheet_text

    frame = parameters_frame(params)
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(frame.columns)
        for row in frame.itertuples(index=False):
            # text a spreadsheet would run as a formula gets its apostrophe (read back off)
            writer.writerow("" if v is None else repr(v) if isinstance(v, float)
                            else spreadsheet_text(v) if isinstance(v, str) else v
                            for v in row)
        with atomic_path(path) as tmp:
            tmp.write_text(buf.getvalue(), encoding="utf-8")
    elif suffix == ".xlsx":
        openpyxl = _openpyxl(path)
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "parameters"
        sheet.append(list(frame.columns))
        for row in frame.itertuples(index=False):
            sheet.append(list(row))
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # openpyxl makes a formula of text starting "="
                    cell.quotePrefix = cell.value.startswith(FORMULA_STARTS)
        with atomic_path(path) as tmp:
            book.save(tmp)
    else:
        raise SpecificationError(f"{path}: a parameter table ends in .csv or .xlsx, not "
                                 f"{suffix or 'no suffix'!r}")


def read_parameters(path: str | os.PathLike[str], *, sheet: str | None = None
                    ) -> list[Parameter]:
    """Read a parameter table (kengetallen sheet) from CSV or Excel.

    One row per parameter; the columns are :data:`TABLE_COLUMNS` (``name`` and ``value``
    required, the others optional, any order, header names case-insensitive). ``dist``
    names a distribution of :mod:`mkba.distributions` (``PERT``, ``Triangular``,
    ``Uniform``, ``Normal``, ``LogNormal``, ``Beta``, ``Gamma``, ``Fixed``) whose
    arguments come from the columns of the same name; a PERT or Triangular without
    ``mode`` takes ``value``. A row of shares (``Dirichlet``) takes one table row per
    target, named ``row[target]``, with the share in ``value`` and the concentration in
    ``a``. Empty rows are skipped. A CSV file may be separated by
    commas or, as Dutch Excel writes it, by semicolons with decimal commas.

    Parameters
    ----------
    path : str or PathLike
        A ``.csv`` or ``.xlsx`` file.
    sheet : str, optional
        The Excel sheet; default the first.

    Returns
    -------
    list of Parameter
        In table order.

    Raises
    ------
    SpecificationError
        The file cannot be read, is too large, has an unknown column (the closest known
        one is suggested), a duplicate name or an invalid value; the message names the
        file, row and column.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "k.csv"
    >>> _ = f.write_text("name,value,dist,low,high,unit\\nprijs,75,PERT,60,95,EUR\\n")
    >>> read_parameters(f)[0].dist
    PERT(low=60.0, mode=75.0, high=95.0, lamb=4.0)
    """
    from mkba.files import read_bounded

    if not isinstance(path, str | os.PathLike):
        raise SpecificationError(f"{path!r}: a parameter table is given by its path (a str "
                                 "or a Path)")
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in (".csv", ".xlsx", ".xlsm"):
        raise SpecificationError(f"{p}: a parameter table ends in .csv or .xlsx, not "
                                 f"{suffix or 'no suffix'!r}")
    data = read_bounded(p, MAX_TABLE_BYTES, "parameter table",
                        fix="; split the table or remove unused columns")
    if suffix == ".csv":
        header, rows, comma = _csv_rows(p, data)
    else:
        header, rows, comma = (*_excel_rows(p, data, sheet), False)
    columns = _header(p, header)
    out: list[Parameter] = []
    seen: dict[str, int] = {}
    shares: dict[str, list[tuple[str, dict[str, Any], str]]] = {}
    for number, cells in rows:
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
            continue
        if len(out) >= MAX_TABLE_ROWS:
            raise SpecificationError(f"{p}: more than {MAX_TABLE_ROWS:,} parameters; split "
                                     "the table")
        where = f"{p}, row {number}"
        record = {c: _cell(cells[i]) if i < len(cells) else None
                  for i, c in enumerate(columns) if c is not None}
        _check_text(record, where)
        match = _SHARE.match(str(record.get("name") or ""))
        if match is not None and str(record.get("dist") or "").strip().lower() == "dirichlet":
            row, target = match.groups()
            if row not in shares:
                if row in seen:
                    raise SpecificationError(f"{where}: parameter '{row}' is also on row "
                                             f"{seen[row]}; names must be unique")
                seen[row] = number
                out.append(None)  # type: ignore[arg-type]  # its place; filled below
            shares.setdefault(row, []).append((target, record, where))
            continue
        param = _table_parameter(record, where, comma)
        if param.name in seen:
            raise SpecificationError(f"{where}: parameter '{param.name}' is also on row "
                                     f"{seen[param.name]}; names must be unique")
        seen[param.name] = number
        out.append(param)
    rows_of_shares = iter([_share_parameter(row, parts, comma) for row, parts in shares.items()])
    return [p if p is not None else next(rows_of_shares) for p in out]


#: a row of a parameter table holding one share of a row of shares: ``name[target]``
_SHARE = re.compile(r"^\s*([A-Za-z][A-Za-z0-9_]*)\[([A-Za-z][A-Za-z0-9_]*)\]\s*$")


def _share_parameter(name: str, parts: list[tuple[str, dict[str, Any], str]],
                     comma: bool) -> Parameter:
    """A row of shares (Dirichlet) from its table rows: one per target, ``value`` the
    share and ``a`` the concentration; the text columns come from the first row."""
    from mkba.parameters import Parameter

    alpha: dict[str, float] = {}
    value: dict[str, float] = {}
    where = parts[0][2]
    for target, record, at in parts:
        at = f"{at} ('{name}[{target}]')"
        if target in alpha:
            raise SpecificationError(f"{at}: target '{target}' of '{name}' appears twice")
        a = _table_number(record.get("a"), at, "a", comma)
        if a is None:
            raise SpecificationError(f"{at}: a Dirichlet share needs its concentration in "
                                     "column 'a' (e.g. the count observed)")
        alpha[target] = a
        v = _table_number(record.get("value"), at, "value", comma)
        if v is None:
            raise SpecificationError(f"{at}: column 'value' is empty; give the share")
        value[target] = v
        filled = [c for c in _DIST_COLUMNS if c != "a" and record.get(c) is not None]
        if filled:
            raise SpecificationError(f"{at}: a Dirichlet share takes only column 'a'; "
                                     f"clear {filled}")
    first = parts[0][1]
    text: dict[str, Any] = {c: "" if first.get(c) is None else str(first[c])
                            for c in _TEXT_COLUMNS}
    grade = first.get("grade")
    try:
        return Parameter(name=name, value=value, dist=Dirichlet(alpha),
                         grade=None if grade is None else str(grade).strip().upper(), **text)
    except SpecificationError as exc:
        raise SpecificationError(f"{where} ('{name}'): {exc}") from None


def _openpyxl(path: object) -> Any:
    try:
        import openpyxl
    except ImportError:
        raise SpecificationError(f"{path}: Excel tables need openpyxl; install it with "
                                 "pip install 'mkba[excel]' or use a CSV table") from None
    return openpyxl


def _csv_rows(path: Path, data: bytes) -> tuple[list[Any], list[tuple[int, list[Any]]], bool]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpecificationError(f"{path}: not UTF-8 text (byte {exc.start}); save the table "
                                 "as CSV UTF-8") from None
    if "\x00" in text:
        raise SpecificationError(f"{path}: the table holds a null byte, so it is not a CSV "
                                 "text file; export it again as CSV UTF-8")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        lines = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise SpecificationError(f"{path}: not a readable CSV table: {exc}") from None
    if not lines:
        raise SpecificationError(f"{path}: the table is empty; it needs a header row with "
                                 "at least 'name' and 'value'")
    return lines[0], [(i + 2, list(r)) for i, r in enumerate(lines[1:])], delimiter == ";"


def _check_workbook(path: Path, data: bytes) -> None:
    """Refuse a workbook that is not a zip archive, or whose parts would expand beyond
    :data:`MAX_WORKBOOK_BYTES` (a zip bomb), before the Excel parser reads it.

    The sizes come from the archive's directory; :mod:`zipfile` (which openpyxl reads
    through) never returns more than the size given there, so a part that lies about its
    size fails its check rather than expanding further."""
    import zipfile

    fix = "save it again as .xlsx in Excel or LibreOffice, or export a CSV"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
            NotImplementedError) as exc:
        raise SpecificationError(f"{path}: not a readable Excel file (not a valid .xlsx "
                                 f"archive: {exc}); {fix}") from None
    if len(parts) > MAX_WORKBOOK_PARTS:
        raise SpecificationError(f"{path}: the workbook has {len(parts):,} parts; at most "
                                 f"{MAX_WORKBOOK_PARTS:,} are read; {fix}")
    total = sum(max(info.file_size, 0) for info in parts)
    if total > MAX_WORKBOOK_BYTES:
        raise SpecificationError(
            f"{path}: the workbook expands to {total:,} bytes when unpacked; at most "
            f"{MAX_WORKBOOK_BYTES:,} are read (a damaged file or a zip bomb); keep the "
            f"parameters on one small sheet, or export a CSV"
        )


def _excel_rows(path: Path, data: bytes, sheet: str | None
                ) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    """The header and the rows of a sheet; any failure of the Excel parser is a
    SpecificationError, and openpyxl's own warnings (styles, data validation) are not
    passed on: they are about the file's formatting, not about the parameters."""
    openpyxl = _openpyxl(path)
    _check_workbook(path, data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return _sheet_rows(openpyxl, path, data, sheet)


def _sheet_rows(openpyxl: Any, path: Path, data: bytes, sheet: str | None
                ) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    fix = "save it again as .xlsx in Excel or LibreOffice, or export a CSV"
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # any failure of the Excel parser
        raise SpecificationError(f"{path}: not a readable Excel file ({type(exc).__name__}: "
                                 f"{_brief(exc)}); {fix}") from None
    rows: list[tuple[int, list[Any]]] = []
    try:
        names = list(book.sheetnames)
        if sheet is None:
            if not book.worksheets:
                raise SpecificationError(f"{path}: the workbook has no sheets; put the "
                                         "parameters on its first sheet, or export a CSV")
            ws = book.worksheets[0]
        elif sheet in names:
            ws = book[sheet]
        else:
            raise SpecificationError(f"{path}: no sheet {sheet!r}; sheets: {', '.join(names)}."
                                     f"{closest(sheet, names)}")
        # the header row first; the rows below are read no wider than the header
        header = next(ws.iter_rows(max_row=1, values_only=True), None)
        if header is not None:
            cells = list(header)
            if any(c is not None and str(c).strip() for c in cells[MAX_TABLE_COLUMNS:]):
                raise SpecificationError(f"{path}: the header row is more than "
                                         f"{MAX_TABLE_COLUMNS} columns wide; the table has "
                                         f"at most {len(TABLE_COLUMNS)} columns")
            while cells and (cells[-1] is None or str(cells[-1]).strip() == ""):
                cells.pop()
            rows.append((1, cells))
            width = max(len(cells), 1)
            for i, r in enumerate(ws.iter_rows(min_row=2, max_col=width, values_only=True)):
                if i > MAX_TABLE_ROWS:
                    raise SpecificationError(f"{path}: more than {MAX_TABLE_ROWS:,} rows; "
                                             "split the table")
                rows.append((i + 2, list(r)))
    except SpecificationError:
        raise
    except Exception as exc:  # a damaged sheet: the parser fails while reading it
        raise SpecificationError(f"{path}: not a readable Excel file: the sheet is damaged "
                                 f"({type(exc).__name__}: {_brief(exc)}); {fix}") from None
    finally:
        book.close()
    if not rows:
        raise SpecificationError(f"{path}: the sheet is empty; it needs a header row with at "
                                 "least 'name' and 'value'")
    return rows[0][1], rows[1:]


def _brief(exc: BaseException) -> str:
    text = str(exc).replace("\n", " ")
    return text if len(text) <= 200 else text[:200] + "..."


def _header(path: Path, header: list[Any]) -> list[str | None]:
    columns: list[str | None] = []
    for cell in header:
        if cell is None or str(cell).strip() == "":
            columns.append(None)  # an empty header cell: the column is ignored
            continue
        name = str(cell).strip().lower()
        if name not in TABLE_COLUMNS:
            raise SpecificationError(
                f"{path}: unknown column {cell!r}.{closest(name, TABLE_COLUMNS)} Known columns: "
                f"{', '.join(TABLE_COLUMNS)}"
            )
        if name in columns:
            raise SpecificationError(f"{path}: column {name!r} appears twice")
        columns.append(name)
    for need in ("name", "value"):
        if need not in columns:
            raise SpecificationError(f"{path}: the table has no column {need!r}; the header "
                                     "row needs at least 'name' and 'value'")
    return columns


#: control characters: never in a table's text; in names, units and the like not even a
#: tab or a line break (descriptions, sources and labels may hold those)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_OR_BREAK = re.compile("[\x00-\x1f\x7f-\x9f]")


def _check_text(record: dict[str, Any], where: str) -> None:
    for column, value in record.items():
        if not isinstance(value, str):
            continue
        multiline = column in ("description", "source", "label")
        bad = (_CONTROL if multiline else _CONTROL_OR_BREAK).search(value)
        if bad is not None:
            raise SpecificationError(f"{where}, column '{column}': {value[:60]!r} holds the "
                                     f"control character {bad.group()!r}; remove it")


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        if value.startswith("'") and value[1:].startswith(("=", "+", "-", "@")):
            value = value[1:]  # the apostrophe that keeps a spreadsheet from running it
        return value or None
    return value


def _table_number(value: Any, where: str, column: str, comma: bool) -> float | None:
    if value is None:
        return None
    if isinstance(value, str):
        text = value.replace(",", ".") if comma else value
        try:
            value = float(text)
        except ValueError:
            raise SpecificationError(f"{where}, column '{column}': {value!r} is not a "
                                     "number") from None
    if isinstance(value, bool) or not isinstance(value, Real):
        raise SpecificationError(f"{where}, column '{column}': {value!r} is not a number")
    try:
        out = float(value)
    except OverflowError:  # an integer of hundreds of digits
        bits = value.bit_length() if isinstance(value, int) else 1025
        digits = (len(str(abs(value))) if isinstance(value, int) and bits < 3300
                  else int(bits * math.log10(2)) + 1)  # str() refuses > 4,300 digits
        raise SpecificationError(f"{where}, column '{column}': a number of about {digits:,} "
                                 "digits is too large to compute with (numbers go up to "
                                 "about 1.8e308); check the unit and give a smaller number"
                                 ) from None
    if not math.isfinite(out):
        raise SpecificationError(f"{where}, column '{column}': {value!r} is not finite; give "
                                 "a finite number")
    return out


def _table_parameter(record: dict[str, Any], where: str, comma: bool) -> Parameter:
    from mkba.parameters import Parameter

    name = record.get("name")
    if name is None:
        raise SpecificationError(f"{where}: column 'name' is empty; every row needs a name")
    where = f"{where} ('{name}')"
    value = _table_number(record.get("value"), where, "value", comma)
    if value is None:
        raise SpecificationError(f"{where}: column 'value' is empty; give the base value")
    args = {c: _table_number(record.get(c), where, c, comma) for c in _DIST_COLUMNS}
    dist = distribution_from_record({"dist": record.get("dist"), **args}, value=value,
                                    where=where)
    price_year = _table_number(record.get("price_year"), where, "price_year", comma)
    if price_year is not None and price_year != int(price_year):
        raise SpecificationError(f"{where}, column 'price_year': {price_year:g} is not a "
                                 "whole year")
    text = {c: "" if record.get(c) is None else str(record[c]) for c in _TEXT_COLUMNS}
    grade = record.get("grade")
    try:
        return Parameter(name=str(name), value=value, dist=dist,
                         price_year=None if price_year is None else int(price_year),
                         grade=None if grade is None else str(grade).strip().upper(), **text)
    except SpecificationError as exc:
        raise SpecificationError(f"{where}: {exc}") from None
