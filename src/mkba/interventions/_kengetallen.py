"""The sourced unit values (kengetallen) of the built-in interventions.

All values live in data files, one row per value: ``data/kengetallen.csv`` holds the
shared values and those of the first four models; each later model has its own
``data/kengetallen_<model>.csv`` with the same columns. The columns:

==========  ===============================================================================
column      meaning
==========  ===============================================================================
model       the intervention the value belongs to, or ``gedeeld`` for values several
            models share (unit prices such as an emergency department visit)
name        parameter name used in the stream formulas
label       short Dutch label for tables and charts
description what the value measures, in Dutch (the *Toelichting* column of the Dutch
            parameter table)
value       base value, in ``unit`` at the prices of ``price_year``
dist        uncertainty distribution: ``PERT``, ``Triangular`` (both ``low, mode,
            high``), ``Uniform`` (``low, high``), ``Fixed`` (the value), ``Dirichlet``
            (a row of shares: one row per target, named ``row[target]``, with the share
            in ``value`` and the concentration in ``alpha``) or empty (none)
low         lower bound of the distribution
mode        most likely value (PERT, Triangular); equals ``value``
high        upper bound of the distribution
unit        unit; money units contain ``EUR``
price_year  price level of a money value; empty for quantities and fractions
source      where the value comes from, in Dutch; an assumption starts with
            ``Aanname:`` and gives its reasoning
grade       ``A`` measured in a published Dutch study or a primary statistical or
            guideline source, ``B`` a published report or tariff, ``C`` an assumption
            or a value read second-hand
alpha       the concentration of one share of a Dirichlet row (empty otherwise)
==========  ===============================================================================
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import Any

import pandas as pd

from mkba.distributions import Dirichlet, Distribution, distribution_from_record
from mkba.errors import SpecificationError, UnknownNameError, closest
from mkba.parameters import Parameter

__all__ = ["COLUMNS", "PRICE_YEAR", "SHARED", "START_YEAR", "kengetallen", "parameters", "rows"]

START_YEAR = 2026
"""First year of every built-in model."""
PRICE_YEAR = 2025
"""Price level of every built-in model: the last year with a known CBS CPI rate."""

COLUMNS = (
    "model", "name", "label", "description", "value", "dist", "low", "mode", "high",
    "unit", "price_year", "source", "grade", "alpha",
)
SHARED = "gedeeld"
"""Model name of the rows that several models share."""

_FILE = "kengetallen.csv"
# the shared values and the first four models live in kengetallen.csv; each later model
# has its own kengetallen_<model>.csv with the same columns
_PATTERN = re.compile(r"^kengetallen(_[a-z0-9_]+)?\.csv$")


def _number(text: str, where: str) -> float | None:
    if text.strip() == "":
        return None
    try:
        out = float(text)
    except ValueError:
        raise SpecificationError(f"{where}: {text!r} is not a number") from None
    if not math.isfinite(out):
        raise SpecificationError(f"{where}: {text!r} is not finite")
    return out


def _check(row: dict[str, str]) -> None:
    where = f"{_FILE} row {row['model']}.{row['name']}"
    for col in ("name", "unit", "source", "grade", "value"):
        if not row[col].strip():
            raise SpecificationError(f"{where}: column '{col}' is empty")
    if row["grade"] not in {"A", "B", "C"}:
        raise SpecificationError(f"{where}: grade {row['grade']!r} is not A, B or C")
    if len(row["source"]) < 8:
        raise SpecificationError(f"{where}: source {row['source']!r} is too short")
    money = "eur" in row["unit"].lower() or "€" in row["unit"]
    if money and not row["price_year"].strip():
        raise SpecificationError(f"{where}: a money value needs a price_year")


@lru_cache(maxsize=1)
def rows() -> tuple[dict[str, str], ...]:
    """The rows of the data file as dictionaries of text, checked.

    Returns
    -------
    tuple of dict
        One dict per row, keyed by :data:`COLUMNS`.
    """
    data = resources.files("mkba.interventions").joinpath("data")
    names = sorted(f.name for f in data.iterdir() if _PATTERN.match(f.name))
    found: list[dict[str, str]] = []
    for name in names:
        reader = csv.DictReader(data.joinpath(name).read_text("utf-8").splitlines())
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise SpecificationError(
                f"{name}: columns {reader.fieldnames} differ from the expected {list(COLUMNS)}"
            )
        found.extend(dict(r) for r in reader)
    out = tuple(found)
    seen: set[tuple[str, str]] = set()
    for r in out:
        _check(r)
        key = (r["model"], r["name"])
        if key in seen:
            raise SpecificationError(f"{_FILE}: {key[0]}.{key[1]} appears twice")
        seen.add(key)
    return out


def kengetallen() -> pd.DataFrame:
    """The table of sourced unit values as a DataFrame.

    Returns
    -------
    pandas.DataFrame
        One row per value with the columns ``model, name, label, description, value,
        dist, low, mode, high, unit, price_year, source, grade, alpha``; numbers as floats
        (``price_year`` as a nullable integer), empty text as ``""``.

    Examples
    --------
    >>> from mkba.interventions import kengetallen
    >>> table = kengetallen()
    >>> set(table["grade"]) <= {"A", "B", "C"}
    True
    """
    frame = pd.DataFrame(list(rows()), columns=list(COLUMNS))
    for col in ("value", "low", "mode", "high", "alpha"):
        frame[col] = pd.to_numeric(frame[col].replace("", None), errors="raise").astype(float)
    frame["price_year"] = pd.to_numeric(frame["price_year"].replace("", None)).astype("Int64")
    return frame


def _distribution(row: dict[str, str]) -> Distribution | None:
    where = f"{_FILE} row {row['model']}.{row['name']}"
    kind = row["dist"].strip()
    if kind not in ("", "Fixed", "Uniform", "PERT", "Triangular"):
        raise SpecificationError(
            f"{where}: dist {kind!r} is not one of PERT, Triangular, Uniform, Fixed or empty"
        )
    value = _number(row["value"], where)
    args = {c: _number(row[c], f"{where} {c}") for c in ("low", "mode", "high")}
    if kind in ("PERT", "Triangular") and args["mode"] is not None and value != args["mode"]:
        raise SpecificationError(f"{where}: value {value} differs from mode {args['mode']}")
    if kind in ("", "Fixed"):
        args = {}  # the range of a value without uncertainty is documentation only
    elif kind == "Uniform":
        args.pop("mode")
    dist = distribution_from_record({"dist": kind, **args}, value=value, where=where)
    assert not isinstance(dist, Dirichlet)
    return dist


_SHARE = re.compile(r"^([A-Za-z][A-Za-z0-9_]*)\[([A-Za-z][A-Za-z0-9_]*)\]$")


def _row_parameter(name: str, parts: list[dict[str, str]]) -> Parameter:
    """A row of shares from its rows ``name[target]`` (share in value, concentration in
    alpha); the text columns come from the first."""
    alpha: dict[str, float] = {}
    value: dict[str, float] = {}
    for part in parts:
        match = _SHARE.match(part["name"])
        assert match is not None
        where = f"{_FILE} row {part['model']}.{part['name']}"
        a, v = _number(part["alpha"], f"{where} alpha"), _number(part["value"], where)
        if a is None or v is None:
            raise SpecificationError(f"{where}: a Dirichlet share needs value and alpha")
        alpha[match.group(2)] = a
        value[match.group(2)] = v
    first = parts[0]
    total = sum(value.values())
    return Parameter(
        name=name, value={k: v / total for k, v in value.items()}, dist=Dirichlet(alpha),
        unit=first["unit"], source=first["source"], label=first["label"],
        description=first["description"], grade=first["grade"],
    )


def _parameters(rows_: list[dict[str, str]]) -> list[Parameter]:
    """Parameters from rows, the shares of a row of shares joined into one."""
    out: list[Parameter] = []
    groups: dict[str, list[dict[str, str]]] = {}
    for row in rows_:
        match = _SHARE.match(row["name"])
        if row["dist"].strip() == "Dirichlet" and match is not None:
            if match.group(1) not in groups:
                groups[match.group(1)] = []
                out.append(Parameter(name=match.group(1), value=0.0))  # its place
            groups[match.group(1)].append(row)
        else:
            out.append(_parameter(row))
    return [_row_parameter(p.name, groups[p.name]) if p.name in groups else p for p in out]


def _parameter(row: dict[str, str]) -> Parameter:
    value = _number(row["value"], row["name"])
    assert value is not None
    price_year = _number(row["price_year"], row["name"])
    kwargs: dict[str, Any] = {
        "name": row["name"],
        "value": value,
        "dist": _distribution(row),
        "unit": row["unit"],
        "price_year": None if price_year is None else int(price_year),
        "source": row["source"],
        "label": row["label"],
        "description": row["description"],
        "grade": row["grade"],
    }
    return Parameter(**kwargs)


def parameters(model: str, shared: Iterable[str] = ()) -> list[Parameter]:
    """Build the parameters of one model from the data file.

    Parameters
    ----------
    model : str
        The model's rows (column ``model``).
    shared : iterable of str
        Names of the ``gedeeld`` rows the model uses.

    Returns
    -------
    list of Parameter
        The model's own parameters in file order, then the shared ones in the order
        given.

    Raises
    ------
    UnknownNameError
        If the model has no rows or a shared name is not in the file.
    """
    own = _parameters([r for r in rows() if r["model"] == model])
    if not own:
        models = sorted({r["model"] for r in rows()} - {SHARED})
        raise UnknownNameError(f"{_FILE} has no rows for model '{model}'." + closest(model, models))
    by_name = {r["name"]: r for r in rows() if r["model"] == SHARED}
    picked = []
    for name in shared:
        if name not in by_name:
            raise UnknownNameError(
                f"{_FILE} has no shared value '{name}'." + closest(name, by_name)
            )
        picked.append(by_name[name])
    return own + _parameters(picked)
