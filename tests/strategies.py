"""Hypothesis strategies for random mkba models.

:func:`models` draws whole models: parameters with and without distributions and price
years, streams whose formulas use the whole formula language (arithmetic, comparisons
inside ``where``, every numeric function), corrections as numbers or parameter names,
start/end years, growth and drop-off, per-stream timing and discounting, transfers with a
payer, residual values, an optional nulalternatief with lines of the same names, and
optional people flows (the cohort strategy of ``tests/properties/test_cohort_properties``
covers those in depth; here a small cohort keeps state names in the formulas).

Some streams factor into a parameter part times a time part (the engine's fast path) and
some do not (``max(a - t, 0)``, sums of time and parameter terms, ``where`` on a
parameter): :func:`models` with ``factorable=True`` draws only the first kind, so the
property tests drive the oracle through both engine paths.

Formulas keep their values finite for every draw of their parameters: ``log`` and
``sqrt`` take ``abs(x) + 1``, ``exp`` takes a clipped argument, divisions divide by
``abs(x) + 1``.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from hypothesis import strategies as st

from mkba import Cohort, Intervention, Model, Parameter, Stream
from mkba.distributions import Normal, Triangular, Uniform

__all__ = ["formulas", "models", "parameters"]

Draw = Any

_NAMES = ("a", "b", "c", "d", "e")


@st.composite
def parameters(draw: Draw, *, price_years: bool = True) -> list[Parameter]:
    """Two to five parameters named ``a``, ``b``, ...; most uncertain, some with a price
    year other than the model's (2025)."""
    out: list[Parameter] = []
    n = draw(st.integers(2, len(_NAMES)))
    for name in _NAMES[:n]:
        mode = draw(st.floats(0.5, 50.0, allow_nan=False))
        kind = draw(st.sampled_from(["none", "uniform", "triangular", "normal"]))
        dist: Any = None
        if kind == "uniform":
            dist = Uniform(mode * 0.5, mode * 1.5)
        elif kind == "triangular":
            dist = Triangular(mode * 0.5, mode, mode * 2.0)
        elif kind == "normal":
            dist = Normal(mode, mode * 0.2)
        year = draw(st.sampled_from([None, 2020, 2023, 2025])) if price_years else None
        out.append(Parameter(name=name, value=mode, dist=dist, price_year=year,
                             unit="EUR" if year else ""))
    return out


def _atom(draw: Draw, names: list[str], *, time: bool) -> str:
    choices = ["number", "name"] + (["t", "year"] if time else [])
    kind = draw(st.sampled_from(choices))
    if kind == "number":
        return repr(draw(st.floats(0.1, 20.0, allow_nan=False)).__round__(3))
    if kind == "name":
        return draw(st.sampled_from(names))
    if kind == "t":
        return "t"
    return "(year - 2025)"


def _expression(draw: Draw, names: list[str], depth: int) -> str:
    """An expression that does not factor in general (time and parameters mixed)."""
    if depth <= 0 or draw(st.integers(0, 3)) == 0:
        return _atom(draw, names, time=True)
    x = _expression(draw, names, depth - 1)
    y = _expression(draw, names, depth - 1)
    z = _expression(draw, names, depth - 1)
    form = draw(st.sampled_from([
        "({x} + {y})", "({x} - {y})", "({x} * {y})", "({x} / (abs({y}) + 1))",
        "min({x}, {y})", "max({x}, {y}, {z})", "clip({x}, 1, 10)", "abs({x})",
        "sqrt(abs({x}) + 1)", "log(abs({x}) + 1)", "exp(clip({x}, -3, 3))",
        "where({x} > {y}, {z}, {y})", "where({x} <= {y} and t >= 1, {x}, {z})",
        "where(not ({x} == {y}) or t != 2, {y}, 0)", "-{x}", "({x}) ** 2",
    ]))
    return form.format(x=x, y=y, z=z)


def _time_part(draw: Draw) -> str:
    return draw(st.sampled_from([
        "1", "ramp(t, 2)", "ramp(t, 3)", "once(t, 0)", "once(t, 1)", "between(t, 1, 2)",
        "decay(t, 0.2)", "growth(t, 0.05)", "(t + 1)", "where(t >= 1, 1, 0.5)",
    ]))


def _param_part(draw: Draw, names: list[str]) -> str:
    a, b = draw(st.sampled_from(names)), draw(st.sampled_from(names))
    return draw(st.sampled_from([
        a, f"{a} * {b}", f"({a} + {b})", f"{a} * 3.5", f"max({a}, {b})", f"sqrt({a})",
        f"{a} / ({b} + 1)",
    ]))


@st.composite
def formulas(draw: Draw, names: list[str], *, factorable: bool = False) -> str:
    """A stream amount over the parameter ``names``: a parameter part times a time part,
    or (unless ``factorable``) any expression of the language."""
    if factorable or draw(st.booleans()):
        return f"{_param_part(draw, names)} * {_time_part(draw)}"
    return _expression(draw, names, draw(st.integers(1, 3)))


def _correction(draw: Draw, names: list[str]) -> float | str:
    return draw(st.sampled_from([0.0, 0.0, 0.1, 0.25]))


@st.composite
def _streams(draw: Draw, names: list[str], horizon: int, *, factorable: bool,
             states: tuple[str, ...] = (), prefix: str = "s") -> list[Stream]:
    out: list[Stream] = []
    for i in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["cost", "benefit", "transfer"]))
        amount = draw(formulas(names, factorable=factorable))
        if states and not factorable and draw(st.booleans()):
            amount = f"{draw(st.sampled_from(states))} * ({amount})"
        start = draw(st.sampled_from([None, None, 2026]))
        end = draw(st.sampled_from([None, None, 2025 + horizon - 1]))
        if start is not None and end is not None and end < start:
            start, end = end, start
        lifetime = (draw(st.sampled_from([None, None, float(horizon + 2)]))
                    if kind == "cost" else None)
        out.append(Stream(
            name=f"{prefix}{i}", kind=kind, stakeholder=draw(st.sampled_from(["G", "R", "Z"])),
            payer="Rijk" if kind == "transfer" else None, amount=amount,
            category=draw(st.sampled_from(["", "Zorg", "Wonen"])),
            start=start, end=end,
            deadweight=_correction(draw, names) if kind == "benefit" else 0.0,
            attribution=_correction(draw, names) if kind == "benefit" else 0.0,
            displacement=_correction(draw, names) if kind == "benefit" else 0.0,
            drop_off=draw(st.sampled_from([0.0, 0.0, 0.1])),
            growth=draw(st.sampled_from([0.0, 0.0, 0.02])),
            discount=draw(st.sampled_from([None, None, 0.0, 0.04])),
            timing=draw(st.sampled_from([None, "start", "mid", "end"])),
            lifetime=lifetime,
        ))
    return out


@st.composite
def models(draw: Draw, *, factorable: bool = False, cohorts: bool | None = None,
           reference: bool | None = None) -> Model:
    """A random model (see the module docstring).

    Parameters
    ----------
    factorable : bool
        Only streams that factor (the engine's fast path).
    cohorts : bool, optional
        With (True) or without (False) a small cohort in both alternatives; drawn if None.
    reference : bool, optional
        With or without a nulalternatief; drawn if None.
    """
    params = draw(parameters())
    names = [p.name for p in params]
    horizon = draw(st.integers(1, 6))
    with_cohort = draw(st.booleans()) if cohorts is None else cohorts
    with_reference = draw(st.booleans()) if reference is None else reference
    states: tuple[str, ...] = ("opvang", "woning") if with_cohort else ()

    def cohort(p: str) -> list[Cohort]:
        if not with_cohort:
            return []
        return [Cohort(name="groep", states=states, start={"opvang": 10.0},
                       inflow={"opvang": 2.0},
                       transitions={("opvang", "woning"): p, ("woning", "opvang"): 0.1})]

    project_streams = draw(_streams(names, horizon, factorable=factorable, states=states))
    project = Intervention(name="Project", streams=project_streams, cohorts=cohort("0.4"))
    ref = None
    if with_reference:
        # some lines in both alternatives (same name, kind and stakeholder), some in one
        shared = [dataclasses.replace(s, amount=draw(formulas(names, factorable=factorable)))
                  for s in project_streams if draw(st.booleans())]
        only = draw(_streams(names, horizon, factorable=factorable, states=states,
                             prefix="r"))
        ref = Intervention(name="Nulalternatief", streams=[*shared, *only],
                           cohorts=cohort("0.2"))
    return Model(
        name="Willekeurig", start_year=2025, horizon=horizon, price_year=2025,
        discount=draw(st.sampled_from([0.0, 0.0225, 0.04])),
        timing=draw(st.sampled_from(["start", "mid", "end"])),
        parameters=params, project=project, reference=ref,
    )
