"""Built-in intervention models with sourced unit values.

Eight MKBA models of Dutch interventions against homelessness, one for each deel-MKBA of
the programme Brede aanpak dak- en thuisloosheid and Housing First, each with an explicit
nulalternatief, people as flows between states in both alternatives, its effect chain as
parameters and streams, at least three stakeholders, transfers where money only changes
hands, and PM items for what cannot be valued:

- :mod:`~mkba.interventions.ervaringsdeskundigheid`: experts by experience in outreach,
  shelter and support;
- :mod:`~mkba.interventions.kleinschalige_opvang`: small-scale 24-hour shelter instead of
  large-scale night shelter;
- :mod:`~mkba.interventions.wonen_bij_particulieren`: renting a room from a private host
  (Onder de Pannen);
- :mod:`~mkba.interventions.housing_first`: a home of one's own with intensive support;
- :mod:`~mkba.interventions.preventie_huisuitzetting`: early signalling of payment arrears
  to prevent evictions;
- :mod:`~mkba.interventions.uitstroom_weer_thuis`: move-on from shelter, beschermd wonen
  and GGZ into reserved homes with support (Weer Thuis!);
- :mod:`~mkba.interventions.skaeve_huse`: special small dwellings for people who cannot
  live in an ordinary home;
- :mod:`~mkba.interventions.jongerenregisseur`: a coordinator for young people at the
  18-/18+ transition.

Every parameter comes from the data files (``data/kengetallen.csv`` and one
``data/kengetallen_<model>.csv`` per later model; see :func:`kengetallen`), with its
source, unit, price year and a quality grade (A measured in a published Dutch study, B
published estimate or second-hand, C assumption). A new model is a new public module of
this package with ``NAME`` and ``build(**overrides)``: it is discovered, not registered.

Examples
--------
>>> from mkba import interventions
>>> interventions.names()  # doctest: +NORMALIZE_WHITESPACE
['ervaringsdeskundigheid', 'housing_first', 'jongerenregisseur', 'kleinschalige_opvang',
 'preventie_huisuitzetting', 'skaeve_huse', 'uitstroom_weer_thuis', 'wonen_bij_particulieren']
>>> m = interventions.load("housing_first", p_woningverlies_hf=0.1)
>>> m.parameter("p_woningverlies_hf").value
0.1
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from types import ModuleType

from mkba.errors import UnknownNameError, closest
from mkba.interventions import (
    ervaringsdeskundigheid,
    housing_first,
    kleinschalige_opvang,
    wonen_bij_particulieren,
)
from mkba.interventions._kengetallen import kengetallen
from mkba.model import Model

__all__ = [
    "describe",
    "ervaringsdeskundigheid",
    "housing_first",
    "kengetallen",
    "kleinschalige_opvang",
    "load",
    "names",
    "wonen_bij_particulieren",
]

def _discover() -> dict[str, ModuleType]:
    """Every public module of this package is a built-in model: it defines ``NAME`` (its
    file name) and ``build(**overrides)``. A new intervention is a new module here and its
    ``data/kengetallen_<name>.csv``; nothing else needs registering."""
    found: dict[str, ModuleType] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if getattr(module, "NAME", None) != info.name or not callable(
            getattr(module, "build", None)
        ):
            raise ImportError(
                f"mkba.interventions.{info.name} is not a built-in model: it needs "
                f"NAME = {info.name!r} and a function build(**overrides) -> Model"
            )
        found[info.name] = module
    return found


_MODULES: dict[str, ModuleType] = _discover()


def names() -> list[str]:
    """The names of the built-in intervention models, sorted.

    Returns
    -------
    list of str
    """
    return sorted(_MODULES)


def load(name: str, **overrides: float) -> Model:
    """A built-in intervention model with its sourced default values.

    Parameters
    ----------
    name : str
        One of :func:`names`.
    **overrides : float
        Parameter values to use instead of the defaults, each in the parameter's own price
        year; the same as ``load(name).with_values(**overrides)``.

    Returns
    -------
    Model

    Raises
    ------
    UnknownNameError
        If ``name`` is not a built-in model (the message suggests the closest), or an
        override names no parameter of the model.

    Examples
    --------
    >>> from mkba.interventions import load
    >>> load("wonen_bij_particulieren").name
    'Wonen bij particulieren'
    """
    module = _MODULES.get(name)
    if module is None:
        raise UnknownNameError(
            f"unknown intervention {name!r}.{closest(str(name), _MODULES)} "
            f"Built-in interventions: {', '.join(names())}."
        )
    build: Callable[..., Model] = module.build
    return build(**overrides)


def describe(name: str, lang: str = "nl") -> str:
    """One line that says what the built-in model ``name`` is about.

    Parameters
    ----------
    name : str
        One of :func:`names`.
    lang : {"nl", "en"}
        Dutch: the description of the model's project alternative; English: the first
        sentence of the model module's docstring.

    Returns
    -------
    str

    Examples
    --------
    >>> describe("housing_first")
    'Direct een eigen woning met intensieve ambulante begeleiding.'
    >>> describe("housing_first", "en")
    "Housing First: a home of one's own straight away, with intensive ambulant support."
    """
    module = _MODULES.get(name)
    if module is None:
        raise UnknownNameError(
            f"unknown intervention {name!r}.{closest(str(name), _MODULES)} "
            f"Built-in interventions: {', '.join(names())}."
        )
    if lang == "nl":
        return " ".join(load(name).project.description.split())
    text = " ".join((module.__doc__ or name).split("\n\n")[0].split())
    return text.split(". ")[0].rstrip(".") + "."
