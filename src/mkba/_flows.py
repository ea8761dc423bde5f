"""The cohort recursion of the engine: persons per state per year, vectorised over draws.

For each year the moves of every listed transition are ``persons in the source state ×
probability``, so a year costs O(draws × transitions) elementwise work and never a
(states × states) matrix product. Every operation is elementwise per draw, in a fixed
order, so a draw's numbers do not depend on how draws are grouped in chunks.

The working arrays are laid out state by state and year by year (each a contiguous row
of draws), so every elementwise step reads and writes contiguous memory; only the
histories asked for are kept.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from mkba.cohort import ROW, Cohort
from mkba.errors import MkbaError

__all__ = ["Occupancy", "cohort_values", "run_cohort"]

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


def _names(cohort: Cohort) -> list[str]:
    moves = (f"{fn}({s})" for fn in ("entering", "leaving") for s in cohort.states)
    return [*cohort.states, *moves]


def run_cohort(
    cohort: Cohort,
    values: Mapping[str, Any],
    t: np.ndarray,
    year: np.ndarray,
    d: int,
    describe: Callable[[int, frozenset[str]], str],
    error: type[MkbaError] = MkbaError,
) -> Occupancy:
    """Run the recursion of ``cohort`` for ``d`` draws over the years of ``t``: every
    state's persons, entering and leaving (see :func:`cohort_values` for the arguments)."""
    hist = _recurse(cohort, values, t, year, d, describe, error, None)
    S, n = len(cohort.states), t.shape[1]

    def stack(prefix: str, suffix: str) -> np.ndarray:
        out = np.empty((S, d, n))  # (states, draws, years): each state's (d, years) C-contiguous
        for i, s in enumerate(cohort.states):
            out[i] = hist[f"{prefix}{s}{suffix}"].T
        return out.transpose(1, 0, 2)

    return Occupancy(cohort, stack("", ""), stack("entering(", ")"), stack("leaving(", ")"))


def cohort_values(
    cohort: Cohort,
    values: Mapping[str, Any],
    t: np.ndarray,
    year: np.ndarray,
    d: int,
    describe: Callable[[int, frozenset[str]], str],
    names: Collection[str],
    error: type[MkbaError] = MkbaError,
) -> dict[str, np.ndarray]:
    """Only the counts the streams use: ``names`` (state names, ``entering(s)``,
    ``leaving(s)``) → C-contiguous (d, years) arrays, as :meth:`Occupancy.values`.

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
    hist = _recurse(cohort, values, t, year, d, describe, error, names)
    return {name: np.ascontiguousarray(h.T) for name, h in hist.items()}


def _recurse(
    cohort: Cohort,
    values: Mapping[str, Any],
    t: np.ndarray,
    year: np.ndarray,
    d: int,
    describe: Callable[[int, frozenset[str]], str],
    error: type[MkbaError],
    keep: Collection[str] | None,
) -> dict[str, np.ndarray]:
    """The recursion; the histories named in ``keep`` (all when None), each (years, d)."""
    n = t.shape[1]
    states = cohort.states
    S = len(states)
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

    # inflow: only the states that have one, as (years, d) rows
    inflow: list[tuple[int, np.ndarray]] = []
    for s, formula in f["inflow"].items():
        arr = _grid(formula(values, t, year), d, n)
        check_persons("inflow", s, arr, formula.names)
        inflow.append((index[s], np.ascontiguousarray(arr.T)))
    x = np.zeros((S, d))  # persons at the start of the year, one row per state
    for i, rows in inflow:
        x[i] = rows[0]
    for s, formula in f["start"].items():
        arr = _grid(formula(values, t[:, :1], year[:, :1]), d, 1)
        check_persons("start", s, arr, formula.names)
        x[index[s]] += arr[:, 0]

    # probabilities per listed move, each (d or 1, years or 1): not broadcast, so a
    # probability that is the same every year is checked and used once, not per year
    moves: list[tuple[int, int, np.ndarray]] = []
    for (src, dst), formula in f["transitions"].items():
        i = index[src]
        if dst == ROW:
            row = formula.text
            for target in states:
                key = f"{row}[{target}]"
                if target != src and key in values:
                    moves.append((i, index[target],
                                  np.asarray(values[key], dtype=float).reshape(-1, 1)))
            continue
        p = np.asarray(formula(values, t, year), dtype=float)
        p = p.reshape(-1, 1) if p.ndim < 2 else p
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
    # each probability as a (d,) row (or a number) when it is the same every year, else
    # as (years, d) rows
    plan: list[tuple[int, int, Any, np.ndarray | None]] = []
    for i, j, p in moves:
        if p.shape[1] == 1:
            plan.append((i, j, p[:, 0] if p.shape[0] > 1 else float(p[0, 0]), None))
        else:
            plan.append((i, j, None, np.ascontiguousarray(_grid(p, p.shape[0], n).T)))

    wanted = set(_names(cohort) if keep is None else keep)
    hist = {name: np.empty((n, d)) for name in _names(cohort) if name in wanted}
    keep_p = [(i, hist[s]) for i, s in enumerate(states) if s in hist]
    keep_e = [(i, hist[f"entering({s})"]) for i, s in enumerate(states)
              if f"entering({s})" in hist]
    keep_l = [(i, hist[f"leaving({s})"]) for i, s in enumerate(states)
              if f"leaving({s})" in hist]
    inflow_of = dict(inflow)
    out, into, end, m = np.empty((S, d)), np.empty((S, d)), np.empty((S, d)), np.empty(d)
    for step in range(n):
        out.fill(0.0)
        into.fill(0.0)
        for i, j, pc, pt in plan:
            np.multiply(x[i], pc if pt is None else pt[step], out=m)
            out[i] += m
            into[j] += m
        np.subtract(x, out, out=end)
        end += into  # x - out + into, as one expression would
        for i, h in keep_p:
            if cohort.counting == "start":
                h[step] = x[i]
            elif cohort.counting == "end":
                h[step] = end[i]
            else:
                np.add(x[i], end[i], out=h[step])
                h[step] /= 2.0
        for i, h in keep_e:
            if i in inflow_of:
                np.add(into[i], inflow_of[i][step], out=h[step])
            else:
                h[step] = into[i]
        for i, h in keep_l:
            h[step] = out[i]
        x, end = end, x
        if step + 1 < n:
            for i, rows in inflow:
                x[i] += rows[step + 1]
    return hist
