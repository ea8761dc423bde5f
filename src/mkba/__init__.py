"""mkba: social cost-benefit analysis (maatschappelijke kosten-batenanalyse, MKBA) of
interventions against homelessness.

The public API, grouped by task:

- model: :class:`Parameter`, :class:`Stream`, :class:`PM`, :class:`Cohort`,
  :class:`Intervention`, :class:`Model`
- evaluation: :meth:`Model.evaluate` → :class:`Result`; :func:`compare`
- modules: :mod:`mkba.distributions`, :mod:`mkba.discounting`, :mod:`mkba.prices`,
  :mod:`mkba.errors`, :mod:`mkba.sensitivity`, :mod:`mkba.plotting`,
  :mod:`mkba.report`, :mod:`mkba.interventions`, :mod:`mkba.io`
"""

from __future__ import annotations

import importlib
from typing import Any

from mkba import discounting, distributions, errors, prices
from mkba.cohort import Cohort
from mkba.model import PM, Intervention, Model, Stream
from mkba.parameters import Parameter
from mkba.results import Result, compare


def _version() -> str:
    """The installed version (package metadata, from pyproject.toml)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("mkba")
    except PackageNotFoundError:  # pragma: no cover - run from a source tree, not installed
        return "0+unknown"


__version__ = _version()

__all__ = [
    "PM",
    "Cohort",
    "Intervention",
    "Model",
    "Parameter",
    "Result",
    "Stream",
    "__version__",
    "compare",
    "discounting",
    "distributions",
    "errors",
    "interventions",
    "io",
    "plotting",
    "prices",
    "report",
    "sensitivity",
]

# heavier submodules load on first use, so `import mkba` stays fast and never imports pyplot
_LAZY = {"sensitivity", "plotting", "report", "interventions", "io"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return importlib.import_module(f"mkba.{name}")
    raise AttributeError(f"module 'mkba' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _LAZY)
