"""Named scenarios: a few sets of parameter values evaluated side by side."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any

import pandas as pd

from mkba.errors import MkbaError, MkbaWarning, SpecificationError
from mkba.model import Model
from mkba.results import HEADLINE
from mkba.sensitivity._common import check_model

__all__ = ["MODEL_FIELDS", "scenarios"]

#: model fields a scenario may set besides parameters (via ``Model.replace``)
MODEL_FIELDS = ("horizon", "discount", "timing", "price_year")


def scenarios(
    model: Model,
    scenarios: Mapping[str, Mapping[str, Any]],
    *,
    include_base: bool = True,
) -> pd.DataFrame:
    """Evaluate named scenarios (e.g. "Laag", "Hoog") side by side.

    Parameters
    ----------
    model : Model
    scenarios : mapping
        ``{scenario name: {parameter: value}}``; values in each parameter's own unit and
        price year. A scenario may also set the model fields ``horizon``, ``discount``,
        ``timing`` and ``price_year`` (a parameter of the same name takes precedence);
        for any other change pass a model made with ``model.replace(...)``.
    include_base : bool
        Add the base case as the first row, named "base".

    Returns
    -------
    DataFrame
        Index ``scenario``; columns ``npv, pv_costs, pv_benefits, bcr, roi, irr,
        payback`` (bcr/roi inf and irr NaN shown quietly, as in :func:`mkba.compare`).

    Raises
    ------
    UnknownNameError
        A scenario names a parameter the model does not have (with a suggestion).

    Examples
    --------
    >>> from mkba import Model, Intervention, Parameter, Stream
    >>> m = Model(name="m", start_year=2025, horizon=1, discount=0.0,
    ...     parameters=[Parameter(name="x", value=2.0)],
    ...     project=Intervention(name="p", streams=[
    ...         Stream(name="B", kind="benefit", stakeholder="Rijk", amount="x"),
    ...         Stream(name="C", kind="cost", stakeholder="Rijk", amount="1")]))
    >>> scenarios(m, {"Laag": {"x": 0.5}, "Hoog": {"x": 4}})["npv"].tolist()
    [1.0, -0.5, 3.0]
    """
    model = check_model(model)
    if not isinstance(scenarios, Mapping):
        raise SpecificationError(
            "scenarios must be a mapping {name: {parameter: value}}; got "
            f"{type(scenarios).__name__}"
        )
    cases: dict[str, Mapping[str, Any]] = {"base": {}} if include_base else {}
    for name, values in scenarios.items():
        if not isinstance(values, Mapping):
            raise SpecificationError(
                f"scenario '{name}' must map parameter names to values; got {values!r}"
            )
        if name in cases:
            raise SpecificationError(f"scenario name '{name}' is used twice (or is 'base')")
        cases[str(name)] = values
    params = set(model.parameter_names)
    rows = []
    for case, values in cases.items():
        fields = {k: v for k, v in values.items() if k in MODEL_FIELDS and k not in params}
        overrides = {k: v for k, v in values.items() if k not in fields}
        try:
            for key in overrides:
                model.parameter(key)  # UnknownNameError with a suggestion
            variant = model.replace(**fields) if fields else model
            r = variant.evaluate(overrides)
        except MkbaError as exc:  # say which scenario, keep the class
            raise _in_scenario(exc, case) from None
        except (TypeError, ValueError, OverflowError) as exc:  # a model field of a bad type
            raise SpecificationError(
                f"scenario '{case}': {exc}; give each value as a number (parameters) or as "
                f"the Model field takes it ({', '.join(MODEL_FIELDS)})"
            ) from None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", MkbaWarning)
            rows.append({k: getattr(r, k) for k in HEADLINE})
    return pd.DataFrame(rows, index=pd.Index(list(cases), name="scenario"), columns=list(HEADLINE))


def _in_scenario(exc: MkbaError, case: str) -> MkbaError:
    """``exc`` with the scenario named first, of the same class when it can be rebuilt."""
    message = f"scenario '{case}': {exc}"
    try:
        out = type(exc)(message)
    except Exception:  # a class with another signature: keep the original
        return exc
    return out
