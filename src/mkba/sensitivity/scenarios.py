"""Named scenarios: a few sets of parameter values evaluated side by side."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from mkba.errors import MkbaError, SpecificationError
from mkba.model import Model
from mkba.results import BaseResult, fmt, headline_frame, html_table
from mkba.sensitivity._common import check_model

__all__ = ["MODEL_FIELDS", "ScenarioResult", "scenarios"]

#: model fields a scenario may set besides parameters (via ``Model.replace``)
MODEL_FIELDS = ("horizon", "discount", "timing", "price_year")


class ScenarioResult(BaseResult):
    """The outcome of :func:`scenarios`: the headline metrics of each named scenario.

    Attributes
    ----------
    model : Model
        The model analysed (the base case); ``model_name`` is its name.
    scenarios : dict
        What each scenario sets: ``{name: {parameter or model field: value}}`` (the base
        case, when included, is ``"base": {}``).
    """

    plot_kinds = ("scenarios",)
    _what = "Scenarios"

    def __init__(
        self, frame: pd.DataFrame, *, model: Model, scenarios: dict[str, dict[str, Any]]
    ) -> None:
        self._frame = frame
        self.model = model
        self.scenarios = scenarios

    def to_frame(self) -> pd.DataFrame:
        """One row per scenario, the base case first.

        Returns
        -------
        DataFrame
            Index ``scenario``; columns ``npv, pv_costs, pv_benefits, bcr, roi, irr``
            (floats; bcr/roi inf and irr NaN shown quietly) and ``payback`` (a year,
            pandas ``Int64``; ``<NA>`` when not paid back within the horizon).
        """
        return self._frame.copy()

    def summary(self) -> pd.DataFrame:
        """The same table as :meth:`to_frame`: the headline metrics are the summary."""
        return self._frame.copy()

    def _brief(self) -> str:
        npv = ", ".join(f"{k} {fmt(v)}" for k, v in self._frame["npv"].head(4).items())
        return f"{len(self._frame)} scenarios, npv: {npv}"

    def _repr_html_(self) -> str:
        title = f"Scenarios: {self.model_name} — euros of {self.model.price_year}"
        return html_table(title, self._frame)


def scenarios(
    model: Model,
    scenarios: Mapping[str, Mapping[str, Any]],
    *,
    include_base: bool = True,
) -> ScenarioResult:
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
    ScenarioResult
        ``to_frame()``: index ``scenario``; columns ``npv, pv_costs, pv_benefits, bcr,
        roi, irr, payback`` (bcr/roi inf and irr NaN shown quietly, as in
        :func:`mkba.compare`; payback a year, ``Int64``); ``plot()`` the NPV per scenario.

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
    >>> scenarios(m, {"Laag": {"x": 0.5}, "Hoog": {"x": 4}}).to_frame()["npv"].tolist()
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
    results = []
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
        results.append(r)
    frame = headline_frame(list(cases), results)
    frame.index.name = "scenario"
    return ScenarioResult(
        frame, model=model, scenarios={k: dict(v) for k, v in cases.items()}
    )


def _in_scenario(exc: MkbaError, case: str) -> MkbaError:
    """``exc`` with the scenario named first, of the same class when it can be rebuilt."""
    message = f"scenario '{case}': {exc}"
    try:
        out = type(exc)(message)
    except Exception:  # a class with another signature: keep the original
        return exc
    return out
