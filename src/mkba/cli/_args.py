"""The arguments of the ``mkba`` command: models by name or file, scenarios, usage errors."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkba.cli._text import shown
from mkba.errors import MkbaError, closest
from mkba.model import Model

#: model fields a scenario may set besides parameters (see sensitivity.scenarios)
_MODEL_FIELDS = ("horizon", "discount", "timing", "price_year")


class UsageError(MkbaError):
    """A command-line argument is wrong (exit code 2)."""


def load_model(spec: str) -> Model:
    """The model named by a command-line argument: a built-in name or a model file.

    Parameters
    ----------
    spec : str
        A name from ``mkba list`` or the path of a ``.toml`` model file.

    Raises
    ------
    UsageError
        Neither a built-in name nor an existing file (the closest name is suggested), or
        a folder.
    ModelFileError
        The file is not a valid model.
    """
    from mkba import interventions, io

    if spec in interventions.names():
        return interventions.load(spec)
    if "\0" in spec:
        raise UsageError(f"{shown(repr(spec))} holds a null byte; give a name from `mkba "
                         "list` or the path of a .toml model file")
    path = Path(spec)
    if path.is_dir():
        raise UsageError(f"{spec!r} is a folder, not a model file; give the path of a .toml "
                         "model file (e.g. mkba validate map/model.toml)")
    if path.suffix.lower() == ".toml" or path.exists() or os.sep in spec:
        if not path.exists():
            raise UsageError(f"model file {spec!r} does not exist")
        return io.read_model(path)
    hint = closest(spec, interventions.names())
    raise UsageError(
        f"{spec!r} is neither a built-in intervention nor a model file.{hint} "
        f"Built-in: {', '.join(interventions.names())}; or give the path of a .toml file"
    )


def _value(text: str) -> float | int | str:
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text  # e.g. a discount preset name


def parse_scenario(text: str) -> tuple[str, dict[str, Any]]:
    """Parse ``"NAME=param:value,param:value"`` into ``(NAME, {param: value})``.

    Examples
    --------
    >>> parse_scenario("Laag=prijs_nacht:60,deelnemers:30")
    ('Laag', {'prijs_nacht': 60, 'deelnemers': 30})
    """
    name, sep, rest = text.partition("=")
    pairs = [p for p in rest.split(",") if p.strip()]
    if not sep or not name.strip() or not pairs:
        raise UsageError(f"--scenario {text!r}: write NAME=param:value,param:value, e.g. "
                         "--scenario Laag=prijs_nacht:60,deelnemers:30")
    values: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition(":")
        if not sep or not key.strip() or not value.strip():
            raise UsageError(f"--scenario {text!r}: {pair!r} is not param:value; write "
                             "NAME=param:value,param:value")
        values[key.strip()] = _value(value.strip())
    return name.strip(), values
