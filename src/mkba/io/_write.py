"""Writing model files: :class:`~mkba.model.Model` → plain data → TOML (with ``tomli_w``)."""

from __future__ import annotations

import os
from numbers import Integral, Real
from pathlib import Path
from typing import Any

from mkba.cohort import Cohort
from mkba.discounting import DiscountSchedule
from mkba.distributions import Dirichlet
from mkba.errors import MkbaError
from mkba.files import atomic_path
from mkba.io._read import FORMAT, ModelFileError
from mkba.io._tables import write_parameters
from mkba.model import CORRECTIONS, PM, Intervention, Model, Stream
from mkba.parameters import Parameter

__all__ = ["dumps_model", "model_to_dict", "write_model"]

_HEADER = """\
# mkba model file (MKBA, maatschappelijke kosten-batenanalyse).
# Format: docs/model-files.md. Read with mkba.io.read_model or `mkba run FILE`.
# Amounts are formulas in the safe formula language; nothing in this file is executed.

"""


def _plain(value: Any) -> Any:
    """A number as a plain int or float (numpy scalars are not TOML-serialisable)."""
    if isinstance(value, bool) or not isinstance(value, Real):
        return value
    return int(value) if isinstance(value, Integral) else float(value)


def _discount(schedule: DiscountSchedule) -> str | float | dict[str, Any]:
    d = schedule.to_dict()
    if set(d) == {"preset"}:
        return str(d["preset"])
    if set(d) == {"rate"}:
        return float(d["rate"])
    if "steps" in d:
        d["steps"] = {k: float(v) for k, v in d["steps"].items()}
    return d


def _parameter(p: Parameter) -> dict[str, Any]:
    out: dict[str, Any] = {
        "value": {k: float(v) for k, v in p.value.items()} if isinstance(p.value, dict)
        else float(p.value)  # type: ignore[arg-type]
    }
    for attr in ("unit", "price_year", "source"):
        v = getattr(p, attr)
        if v not in (None, ""):
            out[attr] = v
    if p.label != p.name:
        out["label"] = p.label
    if p.description:
        out["description"] = p.description
    if p.grade is not None:
        out["grade"] = p.grade
    if isinstance(p.dist, Dirichlet):
        out["dist"] = {"type": "Dirichlet", "alpha": {k: _plain(a) for k, a in p.dist.alpha}}
    elif p.dist is not None:  # last, so tomli_w writes it as a sub-table after the rest
        d = p.dist.to_dict()
        defaults = p.dist._defaults
        out["dist"] = {k: _plain(v) for k, v in d.items() if defaults.get(k) != v}
    return out


def _stream(s: Stream, where: str) -> dict[str, Any]:
    if callable(s.amount):
        raise ModelFileError(
            f"{where} stream '{s.name}': the amount is a Python function, which a model file "
            "cannot hold; write it as a formula (e.g. amount=\"deelnemers * 3000\")"
        )
    out: dict[str, Any] = {"name": s.name, "kind": s.kind, "stakeholder": s.stakeholder}
    if s.payer is not None:
        out["payer"] = s.payer
    out["amount"] = _plain(s.amount)
    if s.category != s.name:
        out["category"] = s.category
    for attr in ("start", "end"):
        if getattr(s, attr) is not None:
            out[attr] = getattr(s, attr)
    for attr in CORRECTIONS:
        v = getattr(s, attr)
        if isinstance(v, str) or v != 0:
            out[attr] = _plain(v)
    if s.timing is not None:
        out["timing"] = s.timing
    if s.description:
        out["description"] = s.description
    if isinstance(s.discount, DiscountSchedule):
        out["discount"] = _discount(s.discount)
    if s.lifetime is not None:
        out["lifetime"] = _plain(s.lifetime)
    return out


def _cohort(c: Cohort) -> dict[str, Any]:
    out: dict[str, Any] = {"name": c.name, "states": list(c.states)}
    if c.counting != "life-table":
        out["counting"] = c.counting
    if c.description:
        out["description"] = c.description
    if c.start:
        out["start"] = {k: _plain(v) for k, v in c.start.items()}
    if c.inflow:
        out["inflow"] = {k: _plain(v) for k, v in c.inflow.items()}
    if c.transitions:
        out["transitions"] = [
            {"from": src, "to": dst, "probability": _plain(v)}
            for (src, dst), v in c.transitions.items()
        ]
    return out


def _pm(p: PM) -> dict[str, Any]:
    out: dict[str, Any] = {"name": p.name, "sign": p.sign}
    if p.stakeholder is not None:
        out["stakeholder"] = p.stakeholder
    if p.description:
        out["description"] = p.description
    return out


def _intervention(i: Intervention, key: str) -> dict[str, Any]:
    out: dict[str, Any] = {"name": i.name}
    if i.description:
        out["description"] = i.description
    if i.cohorts:
        out["cohorts"] = [_cohort(c) for c in i.cohorts]
    if i.streams:
        out["streams"] = [_stream(s, f"[{key}]") for s in i.streams]
    if i.pm:
        out["pm"] = [_pm(p) for p in i.pm]
    return out


def model_to_dict(model: Model, *, parameter_table: str | None = None) -> dict[str, Any]:
    """The model as the plain data of a model file (what :func:`write_model` writes).

    Parameters
    ----------
    model : Model
    parameter_table : str, optional
        Refer to this parameter table (``[parameters] table = ...``) instead of listing
        the parameters inline; the caller writes the table.

    Returns
    -------
    dict
        Keys as documented in ``docs/model-files.md``; defaults are left out.

    Raises
    ------
    ModelFileError
        A stream amount is a Python function, which a file cannot hold.
    """
    if not isinstance(model, Model):
        raise ModelFileError(f"write_model takes a mkba.Model, not {type(model).__name__}")
    out: dict[str, Any] = {"format": FORMAT, "name": model.name}
    if model.description:
        out["description"] = model.description
    out["start_year"] = model.start_year
    out["horizon"] = model.horizon
    out["price_year"] = model.price_year
    assert isinstance(model.discount, DiscountSchedule)
    out["discount"] = _discount(model.discount)
    out["timing"] = model.timing
    if model.participants is not None:
        out["participants"] = model.participants
    if model.price_index is not None:
        out["price_index"] = model.price_index.to_dict()
    if parameter_table is not None:
        out["parameters"] = {"table": parameter_table}
    elif model.parameters:
        out["parameters"] = {p.name: _parameter(p) for p in model.parameters}
    out["project"] = _intervention(model.project, "project")
    if model.reference is not None:
        out["reference"] = _intervention(model.reference, "reference")
    return out


def _tomli_w() -> Any:
    try:
        import tomli_w
    except ImportError:
        raise MkbaError("writing model files needs the package tomli-w; install it with "
                        "pip install 'mkba[toml]'") from None
    return tomli_w


def dumps_model(model: Model, *, parameter_table: str | None = None) -> str:
    """The model file's text (TOML), as :func:`write_model` writes it."""
    data = model_to_dict(model, parameter_table=parameter_table)
    text: str = _tomli_w().dumps(data)
    return _HEADER + text


def write_model(model: Model, path: str | os.PathLike[str], *,
                parameter_table: str | None = None) -> None:
    """Write a model file (TOML) that :func:`read_model` reads back to an equal model.

    The file is written atomically (a temporary file in the same folder, then renamed):
    an interrupted write leaves an earlier file intact.

    Parameters
    ----------
    model : Model
        Every stream amount must be a formula or a number (not a Python function).
    path : str or PathLike
        The model file to write, e.g. ``"model.toml"``.
    parameter_table : str, optional
        Write the parameters to this CSV or Excel table instead (a path relative to the
        model file, e.g. ``"kengetallen.csv"``) and refer to it from the model file.

    Raises
    ------
    ModelFileError
        A stream amount is a Python function.
    MkbaError
        ``tomli-w`` is not installed (the ``toml`` extra), or the file cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from mkba.demo import example_model
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "model.toml"
    >>> write_model(example_model(), path)
    >>> "[[project.streams]]" in path.read_text()
    True
    """
    p = Path(path)
    text = dumps_model(model, parameter_table=parameter_table)
    try:
        if parameter_table is not None:
            write_parameters(model.parameters, p.parent / parameter_table)
        with atomic_path(p) as tmp:
            tmp.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ModelFileError(f"{p}: cannot write the model file: {exc.strerror or exc}"
                             ) from None
