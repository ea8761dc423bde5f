"""Expected value of perfect information for the go/no-go decision."""

from __future__ import annotations

from typing import Any

import numpy as np

from mkba.errors import MkbaTypeError
from mkba.sensitivity._summary import MonteCarloSummary

__all__ = ["evpi"]


def evpi(npv: Any) -> float:
    """Expected value of perfect information (EVPI) of the decision to go ahead.

    With the uncertainty resolved, one would go ahead only in the draws where the NPV is
    positive; without it, one goes ahead when the expected NPV is positive. EVPI is the
    difference, an upper bound on what further research into the parameters is worth.

    Parameters
    ----------
    npv : array_like, MonteCarloResult or MonteCarloSummary
        NPV per draw (euros), or a Monte Carlo result (its ``npv`` is used; a summary
        gives its own :meth:`~MonteCarloSummary.evpi`).

    Returns
    -------
    float
        Euros of the model's price year; never negative, and 0 when the NPV has the same
        sign in every draw.

    Notes
    -----
    ``EVPI = E[max(NPV, 0)] - max(E[NPV], 0)`` (Claxton 1999; Briggs, Claxton and
    Sculpher 2006, ch. 6).

    Examples
    --------
    >>> evpi([-10.0, 30.0])      # mean(0, 30) - max(10, 0)
    5.0
    >>> evpi([1.0, 2.0])
    0.0
    """
    if isinstance(npv, MonteCarloSummary):
        return npv.evpi()
    values = getattr(npv, "npv", npv)
    x = np.asarray(values, dtype=float)
    if x.ndim != 1 or x.size == 0:
        raise MkbaTypeError(f"evpi() takes a non-empty 1-d array of NPVs; got shape {x.shape}")
    value = float(np.mean(np.maximum(x, 0.0)) - max(float(np.mean(x)), 0.0))
    return max(value, 0.0)
