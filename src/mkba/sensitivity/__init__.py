"""Uncertainty and sensitivity analysis of an MKBA.

Every analysis is the engine run on a different table of parameter values:

- :func:`one_way` (tornado) and :func:`two_way`: one or two parameters varied, the rest
  at base;
- :func:`scenarios`: a few named sets of values;
- :func:`break_even` and :func:`switching_values`: the value at which the NPV is 0;
- :func:`monte_carlo`: draws from the parameter distributions (random, Latin hypercube
  or Sobol' sampling; rank correlations; executors for parallel runs), with
  :func:`evpi` for the value of further research, :func:`evppi` per parameter (and
  :func:`evppi_table`, :func:`evsi` for a study of a given size);
- :func:`sobol`: variance-based global sensitivity indices.

Examples
--------
>>> from mkba import Model, Intervention, Parameter, Stream, sensitivity
>>> from mkba.distributions import Uniform
>>> m = Model(name="m", start_year=2025, horizon=1, discount=0.0,
...     parameters=[Parameter(name="x", value=1.0, dist=Uniform(0, 2))],
...     project=Intervention(name="p", streams=[
...         Stream(name="B", kind="benefit", stakeholder="Rijk", amount="x"),
...         Stream(name="C", kind="cost", stakeholder="Rijk", amount="0.5")]))
>>> sensitivity.break_even(m, "x")
0.5
"""

from __future__ import annotations

from mkba.sensitivity._results import MonteCarloResult
from mkba.sensitivity._summary import MonteCarloSummary
from mkba.sensitivity.break_even import BreakEven, SwitchingValues, break_even, switching_values
from mkba.sensitivity.evpi import evpi
from mkba.sensitivity.evppi import evppi, evppi_table, evsi
from mkba.sensitivity.monte_carlo import monte_carlo
from mkba.sensitivity.one_way import OneWayResult, TwoWayResult, one_way, two_way
from mkba.sensitivity.sampling import BLOCK, SAMPLERS
from mkba.sensitivity.scenarios import ScenarioResult, scenarios
from mkba.sensitivity.sobol import SobolResult, sobol

__all__ = [
    "BLOCK",
    "SAMPLERS",
    "BreakEven",
    "MonteCarloResult",
    "MonteCarloSummary",
    "OneWayResult",
    "ScenarioResult",
    "SobolResult",
    "SwitchingValues",
    "TwoWayResult",
    "break_even",
    "evpi",
    "evppi",
    "evppi_table",
    "evsi",
    "monte_carlo",
    "one_way",
    "scenarios",
    "sobol",
    "switching_values",
    "two_way",
]
