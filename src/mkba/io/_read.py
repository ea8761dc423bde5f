"""Reading model files: TOML → plain data → checked → :class:`~mkba.model.Model`.

Every value is checked for its type before it reaches a constructor, so a damaged file
gives a :class:`ModelFileError` that names the file, the table and key, and the fix. The
file is only parsed (``tomllib``); formulas go through the safe formula language, so
nothing in it is ever executed.
"""

from __future__ import annotations

import math
import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mkba.cohort import COUNTINGS, Cohort
from mkba.discounting import DiscountSchedule, as_schedule
from mkba.distributions import Dirichlet, Distribution
from mkba.distributions import from_dict as dist_from_dict
from mkba.errors import MkbaError, SpecificationError, closest
from mkba.io._tables import read_parameters
from mkba.model import CORRECTIONS, PM, TIMINGS, Intervention, Model, Stream
from mkba.parameters import Parameter
from mkba.prices import PriceIndex

__all__ = [
    "FORMAT",
    "MAX_FILE_BYTES",
    "MAX_ITEMS",
    "MAX_NESTING",
    "ModelFileError",
    "model_from_dict",
    "read_model",
]

FORMAT = 1
"""Version of the model-file format this release reads and writes (key ``format``)."""
MAX_FILE_BYTES = 5_000_000
"""Largest model file read, in bytes."""
MAX_ITEMS = 10_000
"""Most parameters, streams or PM items a model file may hold (each)."""
MAX_NESTING = 16
"""Deepest nesting of tables and lists in a model file (a model needs at most 6)."""

MODEL_KEYS = (
    "format", "name", "description", "start_year", "horizon", "price_year", "discount",
    "timing", "participants", "price_index", "parameters", "project", "reference",
)
PARAMETER_KEYS = (
    "value", "dist", "unit", "price_year", "source", "label", "description", "grade",
)
INTERVENTION_KEYS = ("name", "description", "cohorts", "streams", "pm")
STREAM_KEYS = (
    "name", "kind", "stakeholder", "amount", "category", "payer", "start", "end",
    *CORRECTIONS, "discount", "timing", "description", "lifetime",
)
COHORT_KEYS = ("name", "states", "start", "inflow", "transitions", "counting", "description")
TRANSITION_KEYS = ("from", "to", "probability")
PM_KEYS = ("name", "sign", "description", "stakeholder")
_YEAR = re.compile("[0-9]{1,4}")
#: control characters (C0, DEL, C1): never in a model file's text, except that tabs and
#: line breaks may be in descriptions, sources and formulas (not in names or paths)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_OR_BREAK = re.compile("[\x00-\x1f\x7f-\x9f]")
#: keys whose text is one line: names, kinds, units, paths
SINGLE_LINE_KEYS = frozenset({
    "name", "kind", "stakeholder", "category", "payer", "timing", "unit", "grade", "type",
    "participants", "table", "sheet", "sign", "preset", "from", "to", "counting", "states",
})
#: keys of ``[parameters]`` that are not parameters (when their value is not a table)
TABLE_KEYS = ("table", "sheet")


class ModelFileError(SpecificationError):
    """A model file cannot be read: unreadable, not TOML, or not a valid model.

    The message names the file, the table and key, and what to do.
    """


class _Table:
    """One TOML table being read: typed access by key, then a check for unknown keys."""

    def __init__(self, data: Any, file: str, where: str, allowed: tuple[str, ...]) -> None:
        if not isinstance(data, dict):
            raise ModelFileError(f"{file}: {where} must be a table (a [section] or "
                                 f"{{ key = value, ... }}), not {_show(data)}")
        self.data: dict[str, Any] = data
        self.file = file
        self.where = where
        self.allowed = allowed
        unknown = [k for k in data if k not in allowed]
        if unknown:
            k = unknown[0]
            raise ModelFileError(
                f"{file}: {where}: unknown key {k!r}.{closest(k, allowed)} Allowed keys: "
                f"{', '.join(allowed)}"
            )

    def fail(self, key: str, problem: str) -> ModelFileError:
        return ModelFileError(f"{self.file}: {self.where}, key '{key}': {problem}")

    def has(self, key: str) -> bool:
        return key in self.data

    def text(self, key: str, *, required: bool = False, default: str = "") -> str:
        if key not in self.data:
            if required:
                raise self.fail(key, "missing; it is required (a text in quotes)")
            return default
        value = self.data[key]
        if not isinstance(value, str):
            raise self.fail(key, f"{_show(value)} must be text in quotes")
        return value

    def optional_text(self, key: str) -> str | None:
        return self.text(key) if key in self.data else None

    def integer(self, key: str, *, required: bool = False) -> int | None:
        if key not in self.data:
            if required:
                raise self.fail(key, "missing; it is required (a whole number)")
            return None
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(key, f"{_show(value)} must be a whole number without quotes "
                                 "or decimals, e.g. 2025")
        if abs(value) > 10**9:
            raise self.fail(key, f"{_short(value)} is out of range; give a whole number "
                                 "between -1,000,000,000 and 1,000,000,000")
        return value

    def number(self, key: str, *, required: bool = False) -> float | int | None:
        if key not in self.data:
            if required:
                raise self.fail(key, "missing; it is required (a number)")
            return None
        return self._number(key, self.data[key])

    def _number(self, key: str, value: Any) -> float | int:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(key, f"{_show(value)} must be a number without quotes")
        try:
            finite = math.isfinite(float(value))
        except OverflowError:
            raise self.fail(key, _too_large(value)) from None
        if not finite:
            raise self.fail(key, f"{value} is not a finite number; give a number")
        return value

    def number_or_formula(self, key: str) -> float | int | str | None:
        if key not in self.data:
            return None
        value = self.data[key]
        if isinstance(value, str):
            return value
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(key, f"{_show(value)} must be a number or a formula in quotes")
        return self._number(key, value)

    def table(self, key: str, allowed: tuple[str, ...], where: str) -> _Table | None:
        if key not in self.data:
            return None
        return _Table(self.data[key], self.file, where, allowed)

    def tables(self, key: str, allowed: tuple[str, ...], what: str) -> list[_Table]:
        if key not in self.data:
            return []
        items = self.data[key]
        if not isinstance(items, list):
            raise self.fail(key, f"must be a list of tables ([[{self.where}.{key}]] "
                                 f"sections), not {_show(items)}")
        if len(items) > MAX_ITEMS:
            raise self.fail(key, f"{len(items):,} entries; at most {MAX_ITEMS:,} are read")
        out = []
        for i, item in enumerate(items, 1):
            label = f"{what} {i}"
            if isinstance(item, dict) and isinstance(item.get("name"), str):
                label += f" ('{item['name']}')"
            out.append(_Table(item, self.file, label, allowed))
        return out


def _short(value: int | float) -> str:
    """A number for a message: a huge integer by its first digits and its length (an
    integer of thousands of digits is not even turned into text: Python refuses that)."""
    if isinstance(value, int) and value.bit_length() > 3300:
        return f"a number of about {int(value.bit_length() * math.log10(2)) + 1:,} digits"
    text = str(value)
    if len(text) <= 30:
        return text
    return f"{text[:12]}... ({len(text.lstrip('-'))} digits)"


def _too_large(value: int | float) -> str:
    return (f"{_short(value)} is too large to compute with (numbers go up to about "
            "1.8e308); check the unit and give a smaller number")


def _path(path: tuple[str | int, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else f".{part}" if out else part
    return out or "top level"


def _check_plain(data: Any, file: str) -> None:
    """Check every key and value of the parsed file before anything is built: keys are
    text, numbers fit a float, text holds no control characters (a null byte, an escape
    sequence, a bell; in names and paths not even a line break) and nothing is nested
    deeper than :data:`MAX_NESTING`. Iterative, so any depth is refused, not overflowed."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if len(path) > MAX_NESTING:
            raise ModelFileError(f"{file}: key '{_path(path[:MAX_NESTING])}...': nested "
                                 f"more than {MAX_NESTING} levels deep; a model file needs "
                                 "at most 6 (check the brackets)")
        if isinstance(value, dict):
            for key, item in value.items():
                if not isinstance(key, str):
                    raise ModelFileError(f"{file}: key {key!r} in '{_path(path)}' must be "
                                         "text")
                bad = _CONTROL_OR_BREAK.search(key)
                if bad is not None:
                    raise ModelFileError(
                        f"{file}: key {key!r} in '{_path(path)}' holds the control character "
                        f"{bad.group()!r}; remove it (names hold no control characters)")
                stack.append((item, (*path, key)))
        elif isinstance(value, list | tuple):
            stack.extend((item, (*path, i)) for i, item in enumerate(value))
        elif isinstance(value, str):
            keys = [k for k in path if isinstance(k, str)]
            single = bool(keys) and keys[-1] in SINGLE_LINE_KEYS
            bad = (_CONTROL_OR_BREAK if single else _CONTROL).search(value)
            if bad is not None:
                what = ("a line break or control character" if single
                        else "a control character")
                raise ModelFileError(
                    f"{file}: key '{_path(path)}': the text {_show(value)} holds {what} "
                    f"({bad.group()!r} at position {bad.start() + 1}); remove it"
                    + (" (names, kinds and paths are one line of text)" if single else ""))
        elif isinstance(value, int) and not isinstance(value, bool):
            try:
                float(value)
            except OverflowError:
                raise ModelFileError(f"{file}: key '{_path(path)}': {_too_large(value)}"
                                     ) from None


def _show(value: Any) -> str:
    text = _short(value) if isinstance(value, int) and not isinstance(value, bool) else repr(
        value)
    kind = {dict: "a table", list: "a list", str: "text", bool: "true/false"}.get(
        type(value), type(value).__name__)
    return f"{text[:60]}{'...' if len(text) > 60 else ''} ({kind})"


def _build(where: str, make: Any, /, **kwargs: Any) -> Any:
    """Call a model constructor; put the file and table in front of its error."""
    try:
        return make(**kwargs)
    except ModelFileError:
        raise
    except MkbaError as exc:
        raise ModelFileError(f"{where}: {exc}") from None


def _discount(t: _Table, key: str) -> DiscountSchedule | None:
    if key not in t.data:
        return None
    value = t.data[key]
    fix = ('use a preset name (e.g. "NL_2025"), a rate as a fraction (e.g. 0.0225) or a '
           'table { steps = { "1" = 0.035, "31" = 0.03 } }')
    if isinstance(value, bool) or not isinstance(value, str | int | float | dict):
        raise t.fail(key, f"{_show(value)} is not a discount; {fix}")
    if isinstance(value, dict):
        d = _Table(value, t.file, f"{t.where}, key '{key}'",
                   ("preset", "rate", "steps", "name", "source"))
        for k in ("preset", "name", "source"):
            d.text(k)
        d.number("rate")
        _year_map(d, "steps", 'e.g. "31"')
    try:
        return as_schedule(value)
    except MkbaError as exc:
        raise t.fail(key, f"{exc}; {fix}") from None


def _year_map(t: _Table, key: str, example: str) -> dict[str, float | int]:
    """Check a table ``{ "year" = number, ... }`` (discount steps, price-index levels)."""
    if key not in t.data:
        return {}
    value = t.data[key]
    if not isinstance(value, dict) or not value:
        raise t.fail(key, f"{_show(value)} must be a non-empty table of years and numbers, "
                          f'e.g. {{ "2020" = 100.0 }}')
    for year, number in value.items():
        if not _YEAR.fullmatch(year.strip()) or int(year) < 1:
            raise t.fail(key, f"year {year!r} must be a whole number in quotes, {example}")
        t._number(f"{key}.{year}", number)
    return value


def _distribution(t: _Table, name: str) -> Distribution | Dirichlet | None:
    if "dist" not in t.data:
        return None
    value = t.data["dist"]
    if not isinstance(value, dict):
        raise t.fail("dist", f"{_show(value)} must be a table, e.g. "
                             '{ type = "PERT", low = 60, mode = 75, high = 95 }')
    for k, v in value.items():
        if k == "alpha" and isinstance(v, dict):
            for target, a in v.items():
                t._number(f"dist.alpha.{target}", a)
        elif k == "type":
            if not isinstance(v, str):
                raise t.fail("dist", f"type {_show(v)} must be a distribution name in quotes")
        else:
            t._number(f"dist.{k}", v)
    try:
        return dist_from_dict(value)
    except MkbaError as exc:
        raise t.fail("dist", str(exc)) from None


def _parameter(name: str, value: Any, file: str) -> Parameter:
    where = f"[parameters.{name}]"
    if not isinstance(value, dict):
        t = _Table({}, file, "[parameters]", PARAMETER_KEYS)
        value = t._number(name, value)  # the short form: name = 40
        return _build(f"{file}: {where}", Parameter, name=name, value=value)
    t = _Table(value, file, where, PARAMETER_KEYS)
    grade = t.optional_text("grade")
    dist = _distribution(t, name)
    base: Any
    if isinstance(t.data.get("value"), dict):  # a row of shares: { target = share, ... }
        base = {k: t._number(f"value.{k}", v) for k, v in t.data["value"].items()}
    else:
        base = t.number("value", required=dist is None)
    return _build(
        f"{file}: {where}", Parameter, name=name, value=base,
        dist=dist, unit=t.text("unit"), price_year=t.integer("price_year"),
        source=t.text("source"), label=t.text("label"), description=t.text("description"),
        grade=grade,
    )


def _parameters(root: _Table, base: Path) -> list[Parameter]:
    if "parameters" not in root.data:
        return []
    section = root.data["parameters"]
    if not isinstance(section, dict):
        raise root.fail("parameters", f"must be a table ([parameters]), not {_show(section)}")
    if len(section) > MAX_ITEMS:
        raise root.fail("parameters", f"{len(section):,} parameters; at most {MAX_ITEMS:,}")
    file = root.file
    out: list[Parameter] = []
    origin: dict[str, str] = {}
    table = section.get("table")
    if table is not None and not isinstance(table, dict):
        if not isinstance(table, str) or not table.strip():
            raise ModelFileError(f"{file}: [parameters], key 'table': {_show(table)} must be "
                                 'the path of a CSV or Excel table, e.g. "kengetallen.csv"')
        sheet = section.get("sheet")
        if sheet is not None and not isinstance(sheet, str):
            raise ModelFileError(f"{file}: [parameters], key 'sheet': {_show(sheet)} must be "
                                 "a sheet name in quotes")
        path = base / table
        try:
            rows = read_parameters(path, sheet=sheet)
        except MkbaError as exc:
            raise ModelFileError(f"{file}: [parameters] table {table!r}: {exc}") from None
        for p in rows:
            origin[p.name] = f"table {table!r}"
        out.extend(rows)
    elif "sheet" in section and not isinstance(section["sheet"], dict):
        raise ModelFileError(f"{file}: [parameters], key 'sheet' needs a key 'table' with "
                             "the Excel file")
    for name, value in section.items():
        if name in TABLE_KEYS and not isinstance(value, dict):
            continue
        if name in origin:
            raise ModelFileError(
                f"{file}: [parameters.{name}] is also in the {origin[name]}; a parameter is "
                "given once: remove one of them"
            )
        origin[name] = "file"
        out.append(_parameter(name, value, file))
    return out


def _stream(t: _Table) -> Stream:
    amount: Any = t.number_or_formula("amount")
    if amount is None:
        raise t.fail("amount", 'missing; give a formula in quotes, e.g. "deelnemers * 3000"')
    kwargs: dict[str, Any] = {
        "name": t.text("name", required=True),
        "kind": t.text("kind", required=True),
        "stakeholder": t.text("stakeholder", required=True),
        "amount": amount,
        "category": t.text("category"),
        "payer": t.optional_text("payer"),
        "start": t.integer("start"),
        "end": t.integer("end"),
        "discount": _discount(t, "discount"),
        "timing": t.optional_text("timing"),
        "description": t.text("description"),
    }
    for attr in CORRECTIONS:
        value = t.number_or_formula(attr)
        if value is not None:
            kwargs[attr] = value
    lifetime = t.number("lifetime")
    if lifetime is not None:
        kwargs["lifetime"] = lifetime
    if kwargs["timing"] is not None and kwargs["timing"] not in TIMINGS:
        raise t.fail("timing", f"{kwargs['timing']!r} is not one of {', '.join(TIMINGS)}")
    return _build(f"{t.file}: {t.where}", Stream, **kwargs)


def _pm(t: _Table) -> PM:
    return _build(
        f"{t.file}: {t.where}", PM, name=t.text("name", required=True),
        sign=t.text("sign", default="?"), description=t.text("description"),
        stakeholder=t.optional_text("stakeholder"),
    )


def _formula_map(t: _Table, key: str) -> dict[str, float | int | str]:
    """A table ``{ state = number or formula, ... }`` (a cohort's start or inflow)."""
    if key not in t.data:
        return {}
    value = t.data[key]
    if not isinstance(value, dict):
        raise t.fail(key, f"{_show(value)} must be a table of states and numbers or "
                          'formulas, e.g. { straat = "n_start" }')
    inner = _Table(value, t.file, f"{t.where}, key '{key}'", tuple(value))
    return {k: inner.number_or_formula(k) for k in value}  # type: ignore[misc]


def _cohort(t: _Table, key: str) -> Cohort:
    states = t.data.get("states")
    if not isinstance(states, list) or not all(isinstance(s, str) for s in states):
        raise t.fail("states", f"{_show(states)} must be a list of state names in quotes, "
                               'e.g. ["straat", "opvang", "woning"]')
    counting = t.text("counting", default="life-table")
    if counting not in COUNTINGS:
        raise t.fail("counting", f"{counting!r} is not one of {', '.join(COUNTINGS)}")
    transitions: dict[tuple[str, str], Any] = {}
    for row in t.tables("transitions", TRANSITION_KEYS, f"[[{key}.cohorts.transitions]] entry"):
        pair = (row.text("from", required=True), row.text("to", required=True))
        probability = row.number_or_formula("probability")
        if probability is None:
            raise row.fail("probability", "missing; give a number, parameter or formula")
        if pair in transitions:
            raise row.fail("to", f"the move {pair[0]} → {pair[1]} is given twice")
        transitions[pair] = probability
    return _build(
        f"{t.file}: {t.where}", Cohort, name=t.text("name", required=True), states=states,
        start=_formula_map(t, "start"), inflow=_formula_map(t, "inflow"),
        transitions=transitions, counting=counting, description=t.text("description"),
    )


def _intervention(root: _Table, key: str) -> Intervention | None:
    t = root.table(key, INTERVENTION_KEYS, f"[{key}]")
    if t is None:
        return None
    cohorts = [_cohort(c, key) for c in t.tables("cohorts", COHORT_KEYS,
                                                  f"[[{key}.cohorts]] entry")]
    streams = [_stream(s) for s in t.tables("streams", STREAM_KEYS, f"[[{key}.streams]] entry")]
    pm = [_pm(p) for p in t.tables("pm", PM_KEYS, f"[[{key}.pm]] entry")]
    return _build(f"{t.file}: [{key}]", Intervention, name=t.text("name", required=True),
                  description=t.text("description"), streams=streams, pm=pm,
                  cohorts=cohorts)


def _price_index(root: _Table) -> PriceIndex | None:
    t = root.table("price_index", ("levels", "name", "source"), "[price_index]")
    if t is None:
        return None
    if "levels" not in t.data:
        raise t.fail("levels", 'missing; give { "2020" = 100.0, "2025" = 120.0 }')
    levels = _year_map(t, "levels", 'e.g. "2024"')
    return _build(f"{t.file}: [price_index]", PriceIndex, levels=levels,
                  name=t.text("name"), source=t.text("source"))


def model_from_dict(data: Mapping[str, Any], *, file: str = "<model>",
                    base: str | os.PathLike[str] = ".") -> Model:
    """Build a model from the plain data of a model file (as ``tomllib`` returns it).

    Parameters
    ----------
    data : mapping
        The parsed file; see ``docs/model-files.md`` for the keys.
    file : str
        Name used in error messages.
    base : str or PathLike
        Folder that a parameter table's path is relative to.

    Returns
    -------
    Model

    Raises
    ------
    ModelFileError
        Anything missing, unknown, of the wrong type or invalid; the message names the
        file, the table and key, and the fix.
    """
    if not isinstance(data, Mapping):
        raise ModelFileError(f"{file}: a model is a table of keys and values (a dict), not "
                             f"{_show(data)}")
    _check_plain(data, file)
    root = _Table(dict(data), file, "top level", MODEL_KEYS)
    fmt = root.integer("format")
    if fmt is not None and fmt != FORMAT:
        raise root.fail("format", f"this mkba reads format {FORMAT}, the file has {fmt}; "
                                  "upgrade mkba or write the file again")
    project = _intervention(root, "project")
    if project is None:
        raise root.fail("project", "missing; a model needs a [project] table with its "
                                   "[[project.streams]]")
    timing = root.text("timing", default="start")
    if timing not in TIMINGS:
        raise root.fail("timing", f"{timing!r} is not one of {', '.join(TIMINGS)}")
    kwargs: dict[str, Any] = {
        "name": root.text("name", required=True),
        "description": root.text("description"),
        "start_year": root.integer("start_year", required=True),
        "horizon": root.integer("horizon", required=True),
        "price_year": root.integer("price_year"),
        "timing": timing,
        "participants": root.optional_text("participants"),
        "price_index": _price_index(root),
        "parameters": _parameters(root, Path(base)),
        "project": project,
        "reference": _intervention(root, "reference"),
    }
    discount = _discount(root, "discount")
    if discount is not None:
        kwargs["discount"] = discount
    model: Model = _build(f"{file}", Model, **kwargs)
    return model


def read_model(path: str | os.PathLike[str]) -> Model:
    """Read a model file (TOML).

    Parameters
    ----------
    path : str or PathLike
        The model file. A parameter table it names (``[parameters] table = ...``) is
        read relative to the file's folder.

    Returns
    -------
    Model

    Raises
    ------
    ModelFileError
        The file cannot be read, is larger than :data:`MAX_FILE_BYTES`, is not valid TOML,
        or does not describe a valid model. The message names the file, the table and
        key, and the fix. Nothing in the file is executed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from mkba.io import write_model, read_model
    >>> from mkba.demo import example_model
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "model.toml"
    >>> m = example_model()
    >>> write_model(m, path)
    >>> read_model(path) == m
    True
    """
    from mkba.files import read_bounded

    try:
        p = Path(path)
    except TypeError:
        raise ModelFileError(f"{path!r}: a model file is given by its path (a str or a "
                             "Path)") from None
    file = str(p)
    try:
        raw = read_bounded(p, MAX_FILE_BYTES, "model file",
                           fix=" (put large parameter sets in a [parameters] table)")
    except MkbaError as exc:
        raise ModelFileError(str(exc)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ModelFileError(f"{file}: not UTF-8 text (byte {exc.start}); save the file as "
                             "UTF-8") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ModelFileError(f"{file}: not valid TOML: {exc}; check the quotes, brackets "
                             "and '=' on that line") from None
    except ValueError as exc:  # an integer of more than 4,300 digits (int() refuses it)
        problem = ("a number has thousands of digits" if "digits" in str(exc) else str(exc))
        raise ModelFileError(f"{file}: not valid TOML: {problem}; numbers go up to about "
                             "1.8e308: give a smaller number") from None
    except RecursionError:
        raise ModelFileError(f"{file}: not valid TOML: nested too deeply") from None
    return model_from_dict(data, file=file, base=p.parent)

