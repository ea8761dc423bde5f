"""Decisions under uncertainty: which intervention, which research, which mix.

- :func:`compare`: several models on paired draws (common random numbers): the
  probability that each is best, paired differences, a rank table, for society and per
  stakeholder, and the value of research for the choice among them;
- :func:`portfolio`: the mix of interventions with the largest expected saldo within a
  stakeholder's budget, solved exactly, with the probability that each belongs to the
  best mix;
- :func:`shared_parameters`: which uncertain parameters the models share.

The value of research for one model's go/no-go decision is
:func:`mkba.sensitivity.evppi` (``mc.evppi_table()``).

Examples
--------
>>> import mkba.decision
>>> from mkba import interventions
>>> models = [interventions.load(n) for n in ("housing_first", "wonen_bij_particulieren")]
>>> shared = mkba.decision.shared_parameters(models)   # one name, other distributions?
>>> clash = list(shared.index[~shared["same"]])
>>> cmp = mkba.decision.compare(models, n_draws=1000, rng=1, independent=clash)
>>> round(float(cmp.prob_best().sum()), 6)
1.0
"""

from __future__ import annotations

from mkba.decision._paired import shared_parameters
from mkba.decision.compare import NULL, CompareResult, compare
from mkba.decision.portfolio import BASES, PortfolioResult, portfolio, stakeholder_costs

__all__ = [
    "BASES",
    "NULL",
    "CompareResult",
    "PortfolioResult",
    "compare",
    "portfolio",
    "shared_parameters",
    "stakeholder_costs",
]
