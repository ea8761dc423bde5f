"""Charts of MKBA results, drawn with matplotlib.

Every function takes a result object first, then keyword arguments only — ``ax=None``
(draw on these axes, else on a new figure), ``lang="nl"`` ("nl" or "en") and styling
keywords passed on to matplotlib — and returns the Axes. Functions only draw from a
result: every number they show (percentiles, histograms, P(NPV > 0), which lines are
avoided costs) is asked of the result, never computed here; they never evaluate a
model, never call ``plt.show()`` and never change global rcParams (use
``matplotlib.rc_context`` to restyle). Importing this module does not import pyplot.
Each result's ``plot(kind=None, *, ax=None)`` calls these functions.

Charts, what they draw, and the function that gives the data behind them as a frame:

- :func:`plot_cashflows` (a :class:`~mkba.Result`): :func:`cashflow_frame`,
  :func:`cumulative_frame`
- :func:`plot_stakeholders` (a Result): :func:`stakeholder_frame`
- :func:`plot_compare` (a :func:`mkba.compare` frame or Results): :func:`compare_frame`
- :func:`plot_tornado` (``sensitivity.one_way(m)``): :func:`tornado_frame`
- :func:`plot_npv_distribution` (``sensitivity.monte_carlo(m, ...)``):
  :func:`npv_histogram_frame`
- :func:`plot_stakeholder_uncertainty` (``sensitivity.monte_carlo(m, ...)``):
  :func:`stakeholder_uncertainty_frame`
- :func:`plot_scenarios` (``sensitivity.scenarios(m, {...})``): :func:`scenario_frame`
- :func:`plot_switching_values` (``sensitivity.switching_values(m)``):
  :func:`switching_frame`
- :func:`plot_break_even` (``sensitivity.break_even(m, name)``): :func:`break_even_frame`
- :func:`plot_sobol` (``sensitivity.sobol(m, ...)``): :func:`sobol_frame`
- :func:`plot_occupancy` (a Result or a Monte Carlo run of a model with cohorts):
  :func:`occupancy_frame`

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from mkba import Model, Intervention, Stream, plotting
>>> m = Model(name="Voorbeeld", start_year=2025, horizon=3, discount=0.03,
...           project=Intervention(name="p", streams=[
...               Stream(name="Kosten", kind="cost", stakeholder="Gemeente", amount="100"),
...               Stream(name="Baten", kind="benefit", stakeholder="Rijk", amount="80")]))
>>> ax = plotting.plot_cashflows(m.evaluate(), lang="en")
>>> ax.get_ylabel()
'Amount per year (€, 2025 prices)'
"""

from __future__ import annotations

from mkba.plotting._base import (
    cashflow_frame,
    compare_frame,
    cumulative_frame,
    plot_cashflows,
    plot_compare,
    plot_stakeholders,
    stakeholder_frame,
)
from mkba.plotting._decision import (
    plot_differences,
    plot_evppi,
    plot_portfolio,
    plot_portfolio_saldo,
    plot_prob_best,
)
from mkba.plotting._occupancy import occupancy_frame, plot_occupancy
from mkba.plotting._sensitivity import (
    break_even_frame,
    plot_break_even,
    plot_scenarios,
    plot_sobol,
    plot_switching_values,
    plot_tornado,
    scenario_frame,
    sobol_frame,
    switching_frame,
    tornado_frame,
)
from mkba.plotting._style import COLORS, EuroFormatter, euro_formatter, figsize
from mkba.plotting._two_way import plot_two_way
from mkba.plotting._uncertainty import (
    npv_histogram_frame,
    plot_npv_distribution,
    plot_stakeholder_uncertainty,
    stakeholder_uncertainty_frame,
)

__all__ = [
    "COLORS",
    "EuroFormatter",
    "break_even_frame",
    "cashflow_frame",
    "compare_frame",
    "cumulative_frame",
    "euro_formatter",
    "figsize",
    "npv_histogram_frame",
    "occupancy_frame",
    "plot_break_even",
    "plot_cashflows",
    "plot_compare",
    "plot_differences",
    "plot_evppi",
    "plot_npv_distribution",
    "plot_occupancy",
    "plot_portfolio",
    "plot_portfolio_saldo",
    "plot_prob_best",
    "plot_scenarios",
    "plot_sobol",
    "plot_stakeholder_uncertainty",
    "plot_stakeholders",
    "plot_switching_values",
    "plot_tornado",
    "plot_two_way",
    "scenario_frame",
    "sobol_frame",
    "stakeholder_frame",
    "stakeholder_uncertainty_frame",
    "switching_frame",
    "tornado_frame",
]
