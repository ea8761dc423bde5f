"""Pure array functions for the headline numbers of an MKBA.

Every function works on present values per line (draws × lines) or on yearly flows, and
knows nothing of models. Sums over lines run in a fixed order, so results are
bit-identical whatever the number of draws in a chunk.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np

from mkba.errors import MkbaWarning

__all__ = ["bcr", "costs_benefits", "irr", "payback", "roi", "stakeholder_net"]


def costs_benefits(pv: np.ndarray, kinds: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Present value of costs and of benefits per draw.

    Parameters
    ----------
    pv : ndarray, shape (draws, lines)
        Present value of each line (a magnitude: positive is a cost for a cost line, a
        benefit for a benefit line).
    kinds : sequence of {"cost", "benefit", "transfer"}
        Kind of each line. Transfers are left out: they net to zero.

    Returns
    -------
    pv_costs, pv_benefits : ndarray, shape (draws,)
        Never negative: a cost line with a negative present value is an avoided cost and
        counts as a benefit, and a negative benefit counts as a cost.

    Examples
    --------
    >>> c, b = costs_benefits(np.array([[100.0, 150.0, -20.0]]), ["cost", "benefit", "cost"])
    >>> float(c[0]), float(b[0])
    (100.0, 170.0)
    """
    pv = np.asarray(pv, dtype=float)
    costs = np.zeros(pv.shape[0])
    benefits = np.zeros(pv.shape[0])
    for j, kind in enumerate(kinds):
        if kind == "transfer":
            continue
        col = pv[:, j]
        pos, neg = np.maximum(col, 0.0), np.maximum(-col, 0.0)
        if kind == "cost":
            costs += pos
            benefits += neg
        else:
            benefits += pos
            costs += neg
    return costs, benefits


def bcr(pv_costs: np.ndarray | float, pv_benefits: np.ndarray | float) -> np.ndarray:
    """Benefit/cost ratio, ``pv_benefits / pv_costs``.

    Infinite (with a :class:`MkbaWarning`) where there are no costs and some benefits;
    NaN where there are neither.
    """
    c = np.asarray(pv_costs, dtype=float)
    b = np.asarray(pv_benefits, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(c > 0, b / np.where(c > 0, c, 1.0), np.where(b > 0, np.inf, np.nan))
    if np.any(c <= 0):
        warnings.warn(
            "B/C ratio: the present value of costs is zero in "
            f"{int(np.sum(c <= 0))} of {c.size} case(s); the ratio is inf or nan there. "
            "Report the NPV (saldo) instead.",
            MkbaWarning,
            stacklevel=3,
        )
    return out


def roi(pv_costs: np.ndarray | float, pv_benefits: np.ndarray | float) -> np.ndarray:
    """Return on investment, ``(pv_benefits - pv_costs) / pv_costs``."""
    c = np.asarray(pv_costs, dtype=float)
    b = np.asarray(pv_benefits, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(c > 0, (b - c) / np.where(c > 0, c, 1.0), np.where(b > 0, np.inf, np.nan))


def irr(net: np.ndarray) -> float:
    """Internal rate of return of yearly net flows (t = 0, 1, ...).

    The rate r at which ``sum(net[t] / (1 + r) ** t) == 0``. The timing convention does
    not change the root. NaN with a :class:`MkbaWarning` when there is no root above -1
    or more than one.

    Examples
    --------
    >>> round(irr(np.array([-100.0, 60.0, 60.0])), 6)   # -100 + 60/(1+r) + 60/(1+r)**2 = 0
    0.130662
    """
    net = np.asarray(net, dtype=float)
    nz = np.flatnonzero(np.abs(net) > 1e-12 * max(1.0, float(np.abs(net).max(initial=0.0))))
    if nz.size == 0 or np.all(net[nz] > 0) or np.all(net[nz] < 0):
        warnings.warn(
            "IRR: the net flows never change sign, so there is no internal rate of return",
            MkbaWarning,
            stacklevel=3,
        )
        return float("nan")
    coeffs = net[nz[0] : nz[-1] + 1]
    # polynomial in x = 1 / (1 + r): sum coeffs[k] x**k; np.roots wants the highest first
    roots = np.roots(coeffs[::-1])
    real = roots[(np.abs(roots.imag) <= 1e-9 * np.maximum(1.0, np.abs(roots.real)))].real
    real = np.unique(np.round(real[real > 0], 12))
    rates = 1.0 / real - 1.0
    if rates.size != 1:
        warnings.warn(
            f"IRR: the net flows have {rates.size} internal rates of return "
            f"({', '.join(f'{r:.4f}' for r in rates)}); none is reported"
            if rates.size
            else "IRR: no internal rate of return above -100% exists",
            MkbaWarning,
            stacklevel=3,
        )
        return float("nan")
    return float(rates[0])


def payback(discounted_net: np.ndarray, years: np.ndarray) -> int | None:
    """Payback year (terugverdienjaar): the first calendar year from which the cumulative
    discounted net benefit stays >= 0 up to the end of the horizon.

    Years before the first non-zero net flow never count (nothing has happened yet), and
    a cumulative total that turns negative again later moves the payback year past it.
    None when the cumulative total ends negative, or when every flow is zero.

    Examples
    --------
    >>> years = np.array([2025, 2026, 2027])
    >>> payback(np.array([0.0, -100.0, 200.0]), years)     # 2025 never counts
    2027
    >>> payback(np.array([10.0, -100.0, 50.0]), years) is None
    True
    >>> payback(np.array([-100.0, 150.0, -100.0]), years) is None   # negative again
    True
    """
    d = np.asarray(discounted_net, dtype=float)
    tol = 1e-9 * max(1.0, float(np.abs(d).sum()))
    moved = np.flatnonzero(np.abs(d) > tol)
    if moved.size == 0:
        return None
    cum = np.cumsum(d)
    if cum[-1] < -tol:
        return None
    first = int(moved[0])
    below = np.flatnonzero(cum[first:] < -tol)
    return int(years[first if below.size == 0 else first + int(below[-1]) + 1])


def stakeholder_net(
    pv: np.ndarray,
    kinds: Sequence[str],
    stakeholders: Sequence[str],
    payers: Sequence[str | None],
    order: Sequence[str],
) -> np.ndarray:
    """Net present value per stakeholder and draw.

    Benefits count plus and costs minus for their stakeholder; a transfer counts plus for
    its recipient and minus for its payer. Columns follow ``order``; the columns sum to
    the NPV.

    Returns
    -------
    ndarray, shape (draws, len(order))
    """
    pv = np.asarray(pv, dtype=float)
    col = {s: i for i, s in enumerate(order)}
    out = np.zeros((pv.shape[0], len(order)))
    for j, kind in enumerate(kinds):
        if kind == "cost":
            out[:, col[stakeholders[j]]] -= pv[:, j]
        else:
            out[:, col[stakeholders[j]]] += pv[:, j]
            if kind == "transfer":
                payer = payers[j]
                assert payer is not None
                out[:, col[payer]] -= pv[:, j]
    return out
