"""The budget problem: which options to fund, at most one size per intervention, so that
the total value is largest and the total cost stays within the budget.

A 0-1 knapsack with groups. It is solved exactly: by ``scipy.optimize.milp`` (HiGHS,
branch and bound with a zero optimality gap), or, for many draws at once, by
enumerating every admissible mix and taking the best feasible one per draw.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

from mkba.errors import MkbaError

__all__ = ["best_mix", "best_mix_per_draw", "mixes"]

#: most admissible mixes that are enumerated; more are solved by milp one draw at a time
MAX_MIXES = 2**16
#: values of one chunk of (draws × mixes) held at once
_CELLS = 2**22


def _tolerance(budget: float, costs: np.ndarray) -> float:
    """Slack on the budget for rounding in the sums of costs (1e-9 of the larger)."""
    scale = max(abs(budget), float(np.abs(costs).sum()) if costs.size else 0.0, 1.0)
    return 1e-9 * scale


def best_mix(
    values: np.ndarray, costs: np.ndarray, budget: float, groups: Sequence[int]
) -> np.ndarray:
    """The mix with the largest total value whose total cost is at most ``budget``.

    Parameters
    ----------
    values, costs : ndarray, shape (options,)
    budget : float
    groups : sequence of int
        The intervention of each option; at most one option per intervention.

    Returns
    -------
    ndarray of bool, shape (options,)
        Options that are not worth anything (value <= 0) are never chosen.
    """
    from scipy.optimize import Bounds, LinearConstraint, milp

    k = len(values)
    if k == 0:
        return np.zeros(0, dtype=bool)
    rows = [costs]
    ub = [budget + _tolerance(budget, costs)]
    for g in sorted(set(groups)):
        members = np.array([gi == g for gi in groups], dtype=float)
        if members.sum() > 1:
            rows.append(members)
            ub.append(1.0)
    # an option of no value is fixed at 0, so that ties never fund it
    upper = np.where(values > 0, 1.0, 0.0)
    res = milp(
        c=-np.asarray(values, dtype=float),
        integrality=np.ones(k),
        bounds=Bounds(np.zeros(k), upper),
        constraints=LinearConstraint(np.array(rows), -np.inf, np.array(ub)),
        options={"mip_rel_gap": 0.0, "disp": False},
    )
    if res.x is None:  # pragma: no cover - funding nothing is always feasible
        raise MkbaError(f"portfolio: the optimiser found no mix ({res.message})")
    return np.asarray(np.round(res.x), dtype=bool)


def mixes(groups: Sequence[int]) -> np.ndarray | None:
    """Every admissible mix (at most one option per intervention) as rows of 0/1, or None
    when there are more than :data:`MAX_MIXES`."""
    order = sorted(set(groups))
    members = [[i for i, g in enumerate(groups) if g == grp] for grp in order]
    count = 1
    for m in members:
        count *= len(m) + 1
        if count > MAX_MIXES:
            return None
    out = np.zeros((count, len(groups)))
    for row, pick in enumerate(itertools.product(*[[None, *m] for m in members])):
        for i in pick:
            if i is not None:
                out[row, i] = 1.0
    return out


def best_mix_per_draw(
    values: np.ndarray, costs: np.ndarray, budget: float, groups: Sequence[int]
) -> np.ndarray:
    """For every draw, the best mix given that draw's values and costs (both (draws ×
    options)). Returns (draws × options) bools."""
    n, k = values.shape
    table = mixes(groups)
    out = np.zeros((n, k), dtype=bool)
    if table is None:
        for j in range(n):
            out[j] = best_mix(values[j], costs[j], budget, groups)
        return out
    per = max(1, _CELLS // table.shape[0])
    for lo in range(0, n, per):
        v, c = values[lo : lo + per], costs[lo : lo + per]
        total = v @ table.T
        spent = c @ table.T
        tol = np.array([_tolerance(budget, row) for row in c])
        total[spent > budget + tol[:, None]] = -np.inf
        # among mixes of equal value the first made wins: without an option before with it
        out[lo : lo + per] = table[np.argmax(total, axis=1)] > 0
    return out
