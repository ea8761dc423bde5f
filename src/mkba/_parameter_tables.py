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
from collections.abc import Iterable
from dataclasses import fields
from numbers import Real
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkba.distributions import Dirichlet, Distribution
from mkba.errors import SpecificationError, closest

if TYPE_CHECKING:
    import pandas as pd

    from mkba.parameters import Parameter

__all__ = [
    "MAX_TABLE_BYTES", "MAX_TABLE_ROWS", "TABLE_COLUMNS", "parameters_frame", "read_parameters",
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
    from mkba._atomic import atomic_path

    frame = parameters_frame(params)
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(frame.columns)
        for row in frame.itertuples(index=False):
            writer.writerow("" if v is None else repr(v) if isinstance(v, float) else v
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
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise SpecificationError(f"{p}: cannot read the parameter table: "
                                 f"{exc.strerror or exc}") from None
    if size > MAX_TABLE_BYTES:
        raise SpecificationError(f"{p}: the parameter table is {size:,} bytes; at most "
                                 f"{MAX_TABLE_BYTES:,} are read")
    suffix = p.suffix.lower()
    if suffix == ".csv":
        header, rows, comma = _csv_rows(p)
    elif suffix in (".xlsx", ".xlsm"):
        header, rows, comma = (*_excel_rows(p, sheet), False)
    else:
        raise SpecificationError(f"{p}: a parameter table ends in .csv or .xlsx, not "
                                 f"{suffix or 'no suffix'!r}")
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


def _csv_rows(path: Path) -> tuple[list[Any], list[tuple[int, list[Any]]], bool]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise SpecificationError(f"{path}: not UTF-8 text; save the table as CSV UTF-8") from None
    except OSError as exc:
        raise SpecificationError(f"{path}: cannot read: {exc.strerror or exc}") from None
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


def _excel_rows(path: Path, sheet: str | None) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    openpyxl = _openpyxl(path)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # any failure of the Excel parser
        raise SpecificationError(f"{path}: not a readable Excel file ({type(exc).__name__}: "
                                 f"{exc}); save it as .xlsx or export a CSV") from None
    try:
        if sheet is None:
            ws = book.worksheets[0]
        elif sheet in book.sheetnames:
            ws = book[sheet]
        else:
            names = book.sheetnames
            raise SpecificationError(f"{path}: no sheet {sheet!r}; sheets: {', '.join(names)}."
                                     f"{closest(sheet, names)}")
        rows = []
        for i, r in enumerate(ws.iter_rows(values_only=True)):
            rows.append((i + 1, list(r)))
            if i > MAX_TABLE_ROWS + 1:
                raise SpecificationError(f"{path}: more than {MAX_TABLE_ROWS:,} rows; split "
                                         "the table")
    finally:
        book.close()
    if not rows:
        raise SpecificationError(f"{path}: the sheet is empty; it needs a header row with at "
                                 "least 'name' and 'value'")
    return rows[0][1], rows[1:]


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


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
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
    out = float(value)
    if not math.isfinite(out):
        raise SpecificationError(f"{where}, column '{column}': {value!r} is not finite; give "
                                 "a finite number")
    return out


def _table_parameter(record: dict[str, Any], where: str, comma: bool) -> Parameter:
    from mkba.distributions import _CLASSES
    from mkba.parameters import Parameter

    name = record.get("name")
    if name is None:
        raise SpecificationError(f"{where}: column 'name' is empty; every row needs a name")
    where = f"{where} ('{name}')"
    value = _table_number(record.get("value"), where, "value", comma)
    if value is None:
        raise SpecificationError(f"{where}: column 'value' is empty; give the base value")
    dist: Distribution | Dirichlet | None = None
    args = {c: _table_number(record.get(c), where, c, comma) for c in _DIST_COLUMNS}
    kind = record.get("dist")
    if kind is None:
        filled = [c for c, v in args.items() if v is not None]
        if filled:
            raise SpecificationError(f"{where}: columns {filled} are filled but 'dist' is "
                                     "empty; name the distribution (e.g. PERT) or clear them")
    else:
        by_lower = {k.lower(): cls for k, cls in _CLASSES.items()}
        cls = by_lower.get(str(kind).strip().lower())
        if cls is None:
            lower = {k.lower(): k for k in _CLASSES}
            hint = closest(str(kind).lower(), lower)
            for low, proper in lower.items():
                hint = hint.replace(f"'{low}'", f"'{proper}'")
            raise SpecificationError(f"{where}, column 'dist': {kind!r} is not a distribution."
                                     f"{hint} Known: {', '.join(_CLASSES)}")
        takes = [f.name for f in fields(cls)]
        if cls.__name__ in ("PERT", "Triangular") and args["mode"] is None:
            args["mode"] = value
        extra = [c for c, v in args.items() if v is not None and c not in takes]
        if extra:
            raise SpecificationError(f"{where}: {cls.__name__} takes {', '.join(takes)}, but "
                                     f"columns {extra} are filled; clear them")
        given = {c: v for c, v in args.items() if v is not None}
        if cls.__name__ == "Fixed":
            given = {"value": value}
        from mkba.distributions import from_dict

        try:
            dist = from_dict({"type": cls.__name__, **given})
        except SpecificationError as exc:
            raise SpecificationError(f"{where}: {exc}") from None
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
