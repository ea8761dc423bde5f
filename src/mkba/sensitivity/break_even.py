"""Break-even (switching) values: the value of a parameter at which the decision flips."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd
from scipy.optimize import brentq

from mkba.distributions import Distribution
from mkba.engine import CompiledModel, compile_model
from mkba.errors import MkbaError, MkbaWarning
from mkba.model import Model
from mkba.parameters import Parameter, outside_support
from mkba.results import BaseResult, fmt, html_table
from mkba.sensitivity._common import (
    check_metric,
    check_model,
    check_range,
    metric_word,
    model_metric,
    no_effect,
    resolve_parameters,
)

__all__ = ["BreakEven", "SwitchingValues", "break_even", "switching_values"]

#: points on the curve a break-even result keeps for its chart
CURVE_POINTS = 101

#: the search grid spans the base value ± 10**-6 … 10**10 times max(|base|, 1)
_DECADES = (-6.0, 10.0)
_POINTS_PER_DECADE = 10


def _default_target(metric: str, target: float | None) -> float:
    if target is not None:
        return float(target)
    if metric in ("npv", "roi") or metric.startswith("net_"):
        return 0.0
    if metric == "bcr":
        return 1.0
    raise MkbaError(f"break_even on {metric!r} needs a target value; pass target=...")


def _grid(p: Parameter, bounds: tuple[float, float] | None) -> np.ndarray:
    if bounds is not None:
        return np.linspace(bounds[0], bounds[1], 201)
    base = float(p.value)  # type: ignore[arg-type]  # rows are refused before
    n = int((_DECADES[1] - _DECADES[0]) * _POINTS_PER_DECADE) + 1
    steps = max(abs(base), 1.0) * 10.0 ** np.linspace(*_DECADES, n)
    points: list[np.ndarray] = [base - steps[::-1], np.array([base]), base + steps]
    if isinstance(p.dist, Distribution):
        extra = (*p.dist.support, *p.dist.interval(0.9))
        points.append(np.array([v for v in extra if np.isfinite(v)]))
    return np.unique(np.concatenate(points))


class _Objective:
    """The metric minus its target as a function of one parameter, vectorised."""

    def __init__(self, cm: CompiledModel, name: str, metric: str, target: float) -> None:
        self.cm, self.j, self.metric, self.target = cm, cm.names.index(name), metric, target

    def __call__(self, v: np.ndarray) -> np.ndarray:
        X = np.repeat(self.cm.base[None, :], v.size, axis=0)
        X[:, self.j] = v
        try:
            pv = self.cm.pv(X)
        except MkbaError:  # a value outside the formula's domain: evaluate one by one
            if v.size == 1:
                return np.array([np.nan])
            parts: list[np.ndarray] = [self(v[i : i + 1]) for i in range(v.size)]
            return np.concatenate(parts)
        return model_metric(self.cm, pv, self.metric, quiet=True) - self.target

    def scalar(self, v: float) -> float:
        return float(self(np.array([v]))[0])


def _solve(
    cm: CompiledModel, p: Parameter, metric: str, target: float, bounds: tuple[float, float] | None
) -> float:
    if p.is_row:
        raise MkbaError(
            f"'{p.name}' is a row of shares (Dirichlet); a break-even value is one number. "
            f"Scale a share with an effect parameter (share({p.name}, ...) * effect) and "
            "ask the break-even value of that parameter"
        )
    f = _Objective(cm, p.name, metric, target)
    grid = _grid(p, bounds)
    values = f(grid)
    ok = np.isfinite(values)
    if not ok.any():
        raise MkbaError(f"{metric_word(metric)} cannot be computed for any value of '{p.name}'")
    spread = np.ptp(values[ok])
    if spread <= 1e-12 * max(1.0, float(np.max(np.abs(values[ok])))):
        raise no_effect(p.name, metric)
    exact = np.flatnonzero(values == 0.0)
    brackets = np.flatnonzero(ok[:-1] & ok[1:] & (np.sign(values[:-1]) * np.sign(values[1:]) < 0))
    candidates: list[tuple[float, float, int | None]] = [
        (abs(grid[i] - p.value), float(grid[i]), None) for i in exact
    ]
    candidates += [
        (min(abs(grid[i] - p.value), abs(grid[i + 1] - p.value)), float(grid[i]), int(i))
        for i in brackets
    ]
    if not candidates:
        lo, hi = grid[ok][0], grid[ok][-1]
        above = bool(np.all(values[ok] > 0))
        word = metric_word(metric)
        side = (
            ("positive" if above else "negative")
            if target == 0
            else (f"{'above' if above else 'below'} {target:g}")
        )
        raise MkbaError(
            f"no value of '{p.name}' between {lo:g} and {hi:g} makes {word} {target:g}: "
            f"{word} is {side} for every value"
        )
    _, point, i = min(candidates, key=lambda c: c[0])
    if i is None:
        return point
    a, b = float(grid[i]), float(grid[i + 1])
    root: float = brentq(
        f.scalar,
        a,
        b,
        xtol=1e-12 * max(1.0, abs(a), abs(b)),
        rtol=4 * np.finfo(float).eps,
        maxiter=500,
    )
    return root

def _interval(p: Parameter) -> tuple[float, float] | None:
    """The 5–95% interval of a parameter's distribution, where it has one."""
    if isinstance(p.dist, Distribution):
        lo, hi = p.dist.interval(0.9)
        return float(lo), float(hi)
    return None


class BreakEven(float, BaseResult):
    """The outcome of :func:`break_even`: the switching value itself, a float, that also
    keeps the result contract.

    It is the number (``float(be)``, arithmetic, formatting all work as for a float) and
    remembers what produced it, with the metric along the parameter for its chart.

    Attributes
    ----------
    parameter : str
        The parameter solved for; ``label`` and ``unit`` are its label and unit.
    metric : str
        The metric that reaches ``target`` at this value.
    target : float
    base : float
        The parameter's base value (its own unit and price year).
    model : Model
    """

    plot_kinds = ("break_even",)
    _what = "Break-even value"
    metric: str

    parameter: str
    label: str
    unit: str
    target: float
    base: float
    _curve: pd.DataFrame
    _interval: tuple[float, float] | None

    def __new__(
        cls,
        value: float,
        *,
        model: Model,
        parameter: Parameter,
        metric: str,
        target: float,
        curve: pd.DataFrame,
    ) -> BreakEven:
        self = super().__new__(cls, value)
        self.model = model
        self.parameter = parameter.name
        self.label = parameter.label
        self.unit = parameter.unit
        self.metric = metric
        self.target = float(target)
        self.base = float(parameter.value)  # type: ignore[arg-type]  # rows are refused
        self._interval = _interval(parameter)
        self._curve = curve
        return self

    def __reduce__(self) -> Any:
        return (_rebuild_break_even, (float(self), self.__dict__))

    @property
    def value(self) -> float:
        """The switching value as a plain float."""
        return float(self)

    def to_frame(self) -> pd.DataFrame:
        """One row: ``parameter, label, unit, metric, target, base, break_even, change,
        within_range`` (``change = (break_even − base) / |base|``; ``within_range``
        whether the value lies in the 5–95% interval of the parameter's distribution,
        NA without one)."""
        inside: Any = pd.NA
        if self._interval is not None:
            inside = bool(self._interval[0] <= self.value <= self._interval[1])
        frame = pd.DataFrame(
            {
                "parameter": [self.parameter],
                "label": [self.label],
                "unit": [self.unit],
                "metric": [self.metric],
                "target": [self.target],
                "base": [self.base],
                "break_even": [self.value],
                "change": [
                    (self.value - self.base) / abs(self.base) if self.base != 0 else np.nan
                ],
                "within_range": pd.array([inside], dtype="boolean"),
            }
        )
        return frame

    def summary(self) -> pd.DataFrame:
        """:meth:`to_frame` indexed by ``parameter``."""
        return self.to_frame().set_index("parameter")

    def curve(self) -> pd.DataFrame:
        """The metric along the parameter, the rest at base: what the chart draws.

        Returns
        -------
        DataFrame
            Columns ``value`` (of the parameter, its own unit and price year; from the
            base value and the break-even value, and the 5–95% interval where there is
            one, widened by a tenth each side) and ``<metric>`` (NaN where the model
            cannot be evaluated), :data:`CURVE_POINTS` rows.
        """
        return self._curve.copy()

    def interval(self) -> tuple[float, float] | None:
        """The 5–95% interval of the parameter's distribution (None without one)."""
        return self._interval

    def _brief(self) -> str:
        return f"{self.parameter} = {self.value:g} (base {fmt(self.base)})"

    def __repr__(self) -> str:
        return float.__repr__(self)

    def _repr_html_(self) -> str:
        title = (
            f"Break-even value: {self.model_name} — {metric_word(self.metric)} = "
            f"{self.target:g} at {self.parameter} = {self.value:g}"
        )
        return html_table(title, self.summary())


def _rebuild_break_even(value: float, state: dict[str, Any]) -> BreakEven:
    """Unpickle a :class:`BreakEven` (a float with attributes)."""
    out = float.__new__(BreakEven, value)
    out.__dict__.update(state)
    return out


class SwitchingValues(BaseResult):
    """The outcome of :func:`switching_values`: the break-even value of each parameter.

    Attributes
    ----------
    metric : str
        The metric; ``target`` the value it reaches at each switching value.
    model : Model
    """

    plot_kinds = ("switching_values",)
    _what = "Switching values"
    metric: str

    def __init__(self, frame: pd.DataFrame, *, model: Model, metric: str, target: float) -> None:
        self._frame = frame
        self.model = model
        self.metric = metric
        self.target = float(target)

    def to_frame(self) -> pd.DataFrame:
        """One row per parameter.

        Returns
        -------
        DataFrame
            Columns ``parameter, label, unit, base, switching_value, change,
            within_range, note`` (see :func:`switching_values`).
        """
        return self._frame.copy()

    def summary(self) -> pd.DataFrame:
        """:meth:`to_frame` indexed by ``parameter``."""
        return self._frame.set_index("parameter")

    def _brief(self) -> str:
        found = int(self._frame["switching_value"].notna().sum())
        inside = int(self._frame["within_range"].fillna(False).sum())
        return (
            f"{found} of {len(self._frame)} parameters have one, {inside} within their "
            "5–95% range"
        )

    def _repr_html_(self) -> str:
        title = (
            f"Switching values: {self.model_name} — where {metric_word(self.metric)} is "
            f"{self.target:g}"
        )
        return html_table(title, self._frame, index=False)


def _curve(
    cm: CompiledModel, p: Parameter, metric: str, target: float, value: float
) -> pd.DataFrame:
    """The metric at :data:`CURVE_POINTS` values of ``p`` around base and ``value``."""
    points = [float(p.value), value]  # type: ignore[arg-type]  # rows are refused
    interval = _interval(p)
    if interval is not None:
        points += [v for v in interval if np.isfinite(v)]
    lo, hi = min(points), max(points)
    pad = 0.1 * (hi - lo) if hi > lo else 0.1 * max(abs(lo), 1.0)
    grid = np.linspace(lo - pad, hi + pad, CURVE_POINTS)
    y = _Objective(cm, p.name, metric, target)(grid) + target
    return pd.DataFrame({"value": grid, metric: y})



def break_even(
    model: Model,
    parameter: str,
    *,
    metric: str = "npv",
    target: float | None = None,
    bounds: tuple[float, float] | None = None,
) -> BreakEven:
    """The switching value of one parameter: where ``metric`` reaches ``target``.

    The other parameters stay at their base values.

    Parameters
    ----------
    model : Model
    parameter : str
        Any parameter, with or without a distribution (a correction such as deadweight
        takes part when the stream names it as a parameter).
    metric : {"npv", "pv_costs", "pv_benefits", "bcr", "roi"} or "net_<stakeholder>"
    target : float, optional
        Default 0 for the NPV, the ROI and a stakeholder's net, and 1 for the B/C ratio;
        required otherwise.
    bounds : (float, float), optional
        Interval to search, in the parameter's own unit and price year. Default: a grid
        from the base value outwards over 16 orders of magnitude either side (see Notes).

    Returns
    -------
    BreakEven
        The value in the parameter's own unit and price year (a float; when there are
        several, the one nearest the base value) that also keeps the result contract:
        ``to_frame()``, ``summary()``, ``curve()`` (the metric along the parameter) and
        ``plot()``.

    Raises
    ------
    MkbaError
        When no value in the searched range reaches the target, or the metric does not
        depend on the parameter.

    Notes
    -----
    The metric is evaluated on a grid in one vectorised engine call: base ± ``max(abs(base),
    1) * 10**e`` for e from -6 to 10, plus the support and 5–95% interval of the
    distribution. The sign change nearest the base value is then refined with Brent's
    method (:func:`scipy.optimize.brentq`).

    Examples
    --------
    >>> from mkba import Model, Intervention, Parameter, Stream
    >>> m = Model(name="m", start_year=2025, horizon=1, discount=0.0,
    ...     parameters=[Parameter(name="x", value=2.0)],
    ...     project=Intervention(name="p", streams=[
    ...         Stream(name="B", kind="benefit", stakeholder="Rijk", amount="4 * x"),
    ...         Stream(name="C", kind="cost", stakeholder="Rijk", amount="3")]))
    >>> break_even(m, "x")
    0.75
    """
    model = check_model(model)
    cm = compile_model(model)
    metric = check_metric(metric, cm.stakeholders)
    p = model.parameter(parameter)
    checked = check_range(p.name, bounds) if bounds is not None else None
    if checked is not None and checked[0] >= checked[1]:
        raise MkbaError(f"bounds of '{p.name}' must be (low, high) with low < high; got {bounds}")
    goal = _default_target(metric, target)
    value = _solve(cm, p, metric, goal, checked)
    note = outside_domain(p, value)
    if note:
        warnings.warn(f"break_even of '{p.name}': {note}", MkbaWarning, stacklevel=2)
    return BreakEven(
        value,
        model=model,
        parameter=p,
        metric=metric,
        target=goal,
        curve=_curve(cm, p, metric, goal, value),
    )


def outside_domain(p: Parameter, value: float) -> str:
    """Why ``value`` is not a possible value of ``p`` (outside its distribution's
    support), or ``""``."""
    if not isinstance(p.dist, Distribution) or not np.isfinite(value):
        return ""
    support = outside_support(value, p.dist)
    if support is None:
        return ""
    return (
        f"the switching value {value:g} lies outside the support of {p.dist} "
        f"({support[0]:g} to {support[1]:g}): no possible value of '{p.name}' flips the "
        "decision"
    )


def switching_values(
    model: Model,
    *,
    parameters: Iterable[str] | None = None,
    metric: str = "npv",
    target: float | None = None,
) -> SwitchingValues:
    """Break-even value of every parameter (switching values table).

    Parameters
    ----------
    model : Model
    parameters : iterable of str, optional
        Default every parameter of the model (with or without a distribution).
    metric, target
        As in :func:`break_even`.

    Returns
    -------
    SwitchingValues
        ``to_frame()``: columns ``parameter, label, unit, base, switching_value, change,
        within_range, note``. ``change`` is ``(switching_value − base) / |base|`` (NaN for
        a base of 0); ``within_range`` (nullable boolean) says whether the switching
        value lies inside the 5–95% interval of the distribution (NA without one);
        parameters without a switching value get NaN and the reason in ``note``.

    Examples
    --------
    >>> from mkba import Model, Intervention, Parameter, Stream
    >>> m = Model(name="m", start_year=2025, horizon=1, discount=0.0,
    ...     parameters=[Parameter(name="x", value=2.0), Parameter(name="unused", value=1.0)],
    ...     project=Intervention(name="p", streams=[
    ...         Stream(name="B", kind="benefit", stakeholder="Rijk", amount="4 * x"),
    ...         Stream(name="C", kind="cost", stakeholder="Rijk", amount="3")]))
    >>> switching_values(m).to_frame()[["parameter", "switching_value", "change"]]
      parameter  switching_value  change
    0         x             0.75  -0.625
    1    unused              NaN     NaN
    """
    model = check_model(model)
    cm = compile_model(model)
    metric = check_metric(metric, cm.stakeholders)
    goal = _default_target(metric, target)
    rows: list[dict[str, Any]] = []
    for p in resolve_parameters(model, parameters, uncertain_only=False):
        note = ""
        try:
            value = _solve(cm, p, metric, goal, None)
        except MkbaError as exc:
            value, note = float("nan"), str(exc)
        else:
            note = outside_domain(p, value)
        inside: Any = pd.NA
        if isinstance(p.dist, Distribution) and np.isfinite(value):
            lo, hi = p.dist.interval(0.9)
            inside = bool(lo <= value <= hi)
        elif p.dist is not None:
            inside = False
        base = float("nan") if isinstance(p.value, Mapping) else p.value
        rows.append(
            {
                "parameter": p.name,
                "label": p.label,
                "unit": p.unit,
                "base": base,
                "switching_value": value,
                "change": (value - base) / abs(base) if base != 0 else float("nan"),
                "within_range": inside,
                "note": note,
            }
        )
    out = pd.DataFrame(
        rows,
        columns=[
            "parameter",
            "label",
            "unit",
            "base",
            "switching_value",
            "change",
            "within_range",
            "note",
        ],
    )
    out["within_range"] = out["within_range"].astype("boolean")
    return SwitchingValues(out, model=model, metric=metric, target=goal)
