"""The cohort recursion of the engine: persons per state per year, vectorised over draws.

For each year the moves of every listed transition are ``persons in the source state ×
probability``, so a year costs O(draws × transitions) elementwise work and never a
(states × states) matrix product. Every operation is elementwise per draw, in a fixed
order, so a draw's numbers do not depend on how draws are grouped in chunks.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from mkba.cohort import ROW, Cohort
from mkba.errors import MkbaError

__all__ = ["Occupancy", "run_cohort"]

#: rounding allowed above 1 in a row's sum of probabilities
_TOL = 1e-12


@dataclass(frozen=True)
class Occupancy:
    """Persons per draw, state and year of one cohort, each array (draws, states, years).

    ``persons`` is counted by the cohort's convention; ``entering`` and ``leaving`` are
    the moves of each year (entering includes the year's inflow).
    """

    cohort: Cohort
    persons: np.ndarray
    entering: np.ndarray
    leaving: np.ndarray

    def values(self) -> dict[str, np.ndarray]:
        """The names a stream formula can use: ``state``, ``entering(state)``,
        ``leaving(state)``, each (draws, years)."""
        out: dict[str, np.ndarray] = {}
        for i, s in enumerate(self.cohort.states):
            out[s] = self.persons[:, i, :]
            out[f"entering({s})"] = self.entering[:, i, :]
            out[f"leaving({s})"] = self.leaving[:, i, :]
        return out


def _grid(x: Any, d: int, n: int) -> np.ndarray:
    return np.broadcast_to(np.asarray(x, dtype=float), (d, n))


def run_cohort(
    cohort: Cohort,
    values: Mapping[str, Any],
    t: np.ndarray,
    year: np.ndarray,
    d: int,
    describe: Callable[[int, frozenset[str]], str],
    error: type[MkbaError] = MkbaError,
) -> Occupancy:
    """Run the recursion of ``cohort`` for ``d`` draws over the years of ``t``.

    Parameters
    ----------
    values : mapping
        Parameter columns by name, each (d, 1).
    t, year : ndarray, shape (1, years)
    describe : callable
        ``describe(draw, names)`` gives the values of ``names`` in that draw, for messages.
    error : type
        The error raised for an impossible probability or a negative number of persons.
    """
    n = t.shape[1]
    states = cohort.states
    index = {s: i for i, s in enumerate(states)}
    f = cohort.formulas
    what = f"cohort '{cohort.name}'"

    def check_persons(kind: str, state: str, arr: np.ndarray, names: frozenset[str]) -> None:
        bad = ~(np.isfinite(arr) & (arr >= 0))
        if np.any(bad):
            i, k = np.unravel_index(int(np.flatnonzero(bad)[0]), arr.shape)
            raise error(
                f"{what}: {kind} of '{state}' is {arr[i, k]:g} persons in year "
                f"{int(year[0, k])} (t={k}){describe(int(i), names)}; persons must be "
                "finite and >= 0"
            )

    inflow = np.zeros((d, len(states), n))
    for s, formula in f["inflow"].items():
        arr = _grid(formula(values, t, year), d, n)
        check_persons("inflow", s, arr, formula.names)
        inflow[:, index[s], :] = arr
    x = inflow[:, :, 0].copy()
    for s, formula in f["start"].items():
        arr = _grid(formula(values, t[:, :1], year[:, :1]), d, 1)
        check_persons("start", s, arr, formula.names)
        x[:, index[s]] += arr[:, 0]

    # probabilities per listed move, each (d or 1, years)
    moves: list[tuple[int, int, np.ndarray]] = []
    for (src, dst), formula in f["transitions"].items():
        i = index[src]
        if dst == ROW:
            row = formula.text
            for target in states:
                key = f"{row}[{target}]"
                if target != src and key in values:
                    share = np.asarray(values[key], dtype=float).reshape(-1, 1)
                    moves.append((i, index[target], _grid(share, share.shape[0], n)))
            continue
        p = np.asarray(formula(values, t, year), dtype=float)
        p = _grid(p, p.shape[0] if p.ndim == 2 else 1, n)
        bad = ~((p >= 0.0) & (p <= 1.0))
        if np.any(bad):
            r, k = np.unravel_index(int(np.flatnonzero(bad)[0]), p.shape)
            hint = (
                "give the parameter a distribution within [0, 1] (a Beta, a PERT or "
                "Triangular within [0, 1]) or use a Dirichlet row"
                if formula.text in formula.plain
                else f"check the formula '{formula.text}' and the ranges of its parameters"
            )
            raise error(
                f"{what}: transition {src} → {dst} (row '{src}') is {p[r, k]:g} in year "
                f"{int(year[0, k])} (t={k}){describe(int(r), formula.names)}; a probability "
                f"must lie between 0 and 1 (nothing is clipped): {hint}"
            )
        moves.append((i, index[dst], p))
    for i, src in enumerate(states):
        mine = [p for (a, _, p) in moves if a == i]
        if len(mine) < 2:
            continue
        total = mine[0]
        for p in mine[1:]:
            total = total + p
        bad = total > 1.0 + _TOL
        if np.any(bad):
            r, k = np.unravel_index(int(np.flatnonzero(bad)[0]), total.shape)
            names = frozenset().union(*(frm.names for (a, _), frm in f["transitions"].items()
                                        if a == src))
            raise error(
                f"{what}: the probabilities of leaving row '{src}' sum to {total[r, k]:g} in "
                f"year {int(year[0, k])} (t={k}){describe(int(r), names)}; they must sum to "
                "at most 1 (nothing is clipped)"
            )

    shape = (d, len(states), n)
    start, end = np.empty(shape), np.empty(shape)
    entering, leaving = np.empty(shape), np.empty(shape)
    for step in range(n):
        out = np.zeros((d, len(states)))
        into = np.zeros((d, len(states)))
        for i, j, p in moves:
            m = x[:, i] * p[:, step]
            out[:, i] += m
            into[:, j] += m
        start[:, :, step] = x
        x = x - out + into
        end[:, :, step] = x
        leaving[:, :, step] = out
        entering[:, :, step] = into + inflow[:, :, step]
        if step + 1 < n:
            x = x + inflow[:, :, step + 1]
    if cohort.counting == "start":
        persons = start
    elif cohort.counting == "end":
        persons = end
    else:
        persons = (start + end) / 2.0
    return Occupancy(cohort, persons, entering, leaving)
