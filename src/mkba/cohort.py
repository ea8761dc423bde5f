"""People flows: a cohort of persons moving between states year by year (a Markov
cohort, as in heemod, hesim and rdecision; instroom, doorstroom, uitstroom, terugval).

A :class:`Cohort` only describes; the recursion runs in the engine
(:mod:`mkba._flows`), vectorised over draws.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from numbers import Real
from typing import Any, Literal

import numpy as np

from mkba.errors import SpecificationError
from mkba.formula import Formula, parse
from mkba.parameters import check_name

__all__ = ["COUNTINGS", "Cohort"]

#: when in a year the persons in a state are counted
COUNTINGS = ("start", "end", "life-table")
#: the target that takes a whole row from a row of shares (a Dirichlet parameter)
ROW = "*"

Counting = Literal["start", "end", "life-table"]
Number = str | float | int


def _formula(value: object, context: str) -> Formula:
    if isinstance(value, bool) or not isinstance(value, str | Real):
        raise SpecificationError(f"{context}: {value!r} must be a number, a parameter name "
                                 "or a formula")
    return parse(value, context=context)  # type: ignore[arg-type]


@dataclass(frozen=True, kw_only=True)
class Cohort:
    """A group of persons moving between states, one step a year.

    Parameters
    ----------
    name : str
        Named in tables and messages, e.g. ``"deelnemers"``.
    states : sequence of str
        The states, e.g. ``("straat", "nachtopvang", "woning", "overleden")``. A state
        name is usable in the stream formulas of the intervention: the persons counted
        in that state in the year.
    start : mapping of state to number or formula
        Persons in each state at the start of year 0 (formulas over parameters, not
        time). States left out start empty.
    inflow : mapping of state to number or formula, optional
        Persons entering each state at the start of every year (may depend on ``t``).
    transitions : mapping of (from, to) to number, parameter or formula
        Yearly probability of moving from one state to another; may depend on ``t``
        and parameters. The rest of each row stays where it is (the diagonal is one
        minus the row's other entries). ``(state, "*")`` takes a whole row from a
        parameter with a :class:`~mkba.distributions.Dirichlet` distribution; a formula
        can use one component of such a row as ``share(row, state)``.
    counting : {"life-table", "start", "end"}
        How persons in a state are counted in a year: at its start, at its end (after
        the year's moves, before the next year's inflow), or their mean
        ("life-table", the half-cycle correction; the default).
    description : str
        Who the persons are and where the numbers come from.

    Notes
    -----
    With x_t the persons per state at the start of year t and P(t) the year's
    transition matrix: ``x_0 = start + inflow(0)``; ``x_{t+1} = x_t P(t) + inflow(t+1)``.
    "start" counts x_t, "end" counts x_t P(t), "life-table" their mean.
    ``entering(s)`` counts the persons arriving in s during year t (moves from other
    states plus the inflow into s at the start of year t; the persons in ``start`` do
    not count as entering); ``leaving(s)`` the persons moving out of s.

    A cumulative figure over a follow-up period, such as "83% still housed after
    two years", is not a yearly probability: the yearly probability of leaving is
    ``1 - 0.83 ** (1 / 2)``.

    References
    ----------
    Briggs, Claxton & Sculpher, *Decision Modelling for Health Economic Evaluation*
    (2006), ch. 3–4; Filipović-Pierucci, Zarca & Durand-Zaleski, heemod (2017).

    Examples
    --------
    >>> c = Cohort(name="groep", states=("opvang", "woning"), start={"opvang": 100},
    ...            transitions={("opvang", "woning"): 0.3})
    >>> c.counting, c.states
    ('life-table', ('opvang', 'woning'))
    """

    name: str
    states: Sequence[str]
    start: Mapping[str, Number] = field(default_factory=dict)
    inflow: Mapping[str, Number] = field(default_factory=dict)
    transitions: Mapping[tuple[str, str], Number] = field(default_factory=dict)
    counting: Counting = "life-table"
    description: str = ""
    formulas: Mapping[str, Mapping[Any, Formula]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise SpecificationError(f"cohort name {self.name!r} must be non-empty text")
        what = f"cohort '{self.name}'"
        if isinstance(self.states, str) or not isinstance(self.states, Iterable):
            raise SpecificationError(f"{what}: states must be a sequence of names; got "
                                     f"{self.states!r}")
        states = tuple(self.states)
        if not states:
            raise SpecificationError(f"{what}: give at least one state")
        for s in states:
            check_name(s, f"{what}: state")
        dupes = sorted({s for s in states if states.count(s) > 1})
        if dupes:
            raise SpecificationError(f"{what}: states {dupes} appear more than once")
        object.__setattr__(self, "states", states)
        if self.counting not in COUNTINGS:
            raise SpecificationError(
                f"{what}: counting {self.counting!r} is not one of {COUNTINGS}"
            )
        if not isinstance(self.description, str):
            raise SpecificationError(f"{what}: description must be text")
        start = self._by_state(self.start, "start")
        inflow = self._by_state(self.inflow, "inflow")
        for state, f in start.items():
            if f.uses_time:
                raise SpecificationError(
                    f"{what}: start of '{state}' uses t or year; the start is one moment "
                    "(year 0). Use inflow for persons arriving later"
                )
        transitions = self._transitions()
        object.__setattr__(self, "start", {s: self.start[s] for s in start})
        object.__setattr__(self, "inflow", {s: self.inflow[s] for s in inflow})
        object.__setattr__(self, "transitions", {k: self.transitions[k] for k in transitions})
        object.__setattr__(self, "formulas", {
            "start": start, "inflow": inflow, "transitions": transitions,
        })

    def _by_state(self, table: object, what: str) -> dict[str, Formula]:
        if not isinstance(table, Mapping):
            raise SpecificationError(
                f"cohort '{self.name}': {what} must map states to numbers or formulas, e.g. "
                f"{{'{self.states[0]}': 100}}; got {table!r}"
            )
        out: dict[str, Formula] = {}
        for state, value in table.items():
            self._state(state, what)
            f = _formula(value, f"cohort '{self.name}' {what} of '{state}'")
            if f.is_constant and float(f({}, 0.0, 0.0)) < 0:
                raise SpecificationError(
                    f"cohort '{self.name}': {what} of '{state}' is {f.text}; persons cannot "
                    "be negative"
                )
            out[state] = f
        return out

    def _state(self, state: object, what: str) -> str:
        if state not in self.states:
            from mkba.errors import closest

            hint = closest(str(state), self.states) if isinstance(state, str) else ""
            raise SpecificationError(
                f"cohort '{self.name}': {what} names {state!r}, which is not one of its "
                f"states {list(self.states)}.{hint}"
            )
        return str(state)

    def _transitions(self) -> dict[tuple[str, str], Formula]:
        what = f"cohort '{self.name}'"
        if not isinstance(self.transitions, Mapping):
            raise SpecificationError(f"{what}: transitions must map (from, to) pairs to "
                                     "probabilities")
        out: dict[tuple[str, str], Formula] = {}
        for key, value in self.transitions.items():
            if not (isinstance(key, tuple) and len(key) == 2):
                raise SpecificationError(
                    f"{what}: transition key {key!r} must be a pair (from, to)"
                )
            src = self._state(key[0], "a transition")
            if key[1] != ROW:
                dst = self._state(key[1], "a transition")
                if dst == src:
                    raise SpecificationError(
                        f"{what}: transition {src} → {dst} stays in place; give only moves to "
                        "other states (the rest of a row stays)"
                    )
            context = f"{what} transition {key[0]} → {key[1]}"
            f = _formula(value, context)
            if key[1] == ROW:
                if f.text not in f.plain or len(f.names) != 1:
                    raise SpecificationError(
                        f"{context}: a whole row takes the name of a parameter with a "
                        f"Dirichlet distribution; got {f.text!r}"
                    )
            elif f.is_constant:
                p = float(f({}, 0.0, 0.0))
                if not 0.0 <= p <= 1.0:
                    raise SpecificationError(
                        f"{context} (row '{src}'): probability {p:g} is not between 0 and 1"
                    )
            out[(src, key[1])] = f
        for src in self.states:
            row = [k for k in out if k[0] == src]
            if (src, ROW) in out and len(row) > 1:
                raise SpecificationError(
                    f"{what}: row '{src}' is taken whole from '{out[(src, ROW)].text}' and also "
                    "given entry by entry; use one or the other (an effect can scale a "
                    "drawn row with share(row, state))"
                )
            if row and all(out[k].is_constant for k in row) and (src, ROW) not in out:
                total = sum(float(out[k]({}, 0.0, 0.0)) for k in row)
                if total > 1.0 + 1e-12:
                    raise SpecificationError(
                        f"{what}: the probabilities of leaving row '{src}' sum to {total:g}; "
                        "they must sum to at most 1 (the rest stays in the state)"
                    )
        return out

    # -- views ----------------------------------------------------------------------

    @property
    def names(self) -> frozenset[str]:
        """Parameter names used by the start, inflow and transitions."""
        out: set[str] = set()
        for table in self.formulas.values():
            for f in table.values():
                out |= f.names
        return frozenset(out)

    @property
    def rows(self) -> dict[str, str]:
        """Rows taken whole from a row of shares: state → parameter name."""
        return {src: f.text for (src, dst), f in self.formulas["transitions"].items()
                if dst == ROW}

    def all_formulas(self) -> list[Formula]:
        """Every formula of the cohort (start, inflow, transitions)."""
        return [f for table in self.formulas.values() for f in table.values()]

    def transition_matrix(self) -> np.ndarray | None:
        """The transition matrix when every entry is a constant, else None.

        Examples
        --------
        >>> Cohort(name="g", states=("A", "B"), start={"A": 1},
        ...        transitions={("A", "B"): 0.25}).transition_matrix()
        array([[0.75, 0.25],
               [0.  , 1.  ]])
        """
        table = self.formulas["transitions"]
        if any(dst == ROW or not f.is_constant for (_, dst), f in table.items()):
            return None
        index = {s: i for i, s in enumerate(self.states)}
        P = np.zeros((len(self.states), len(self.states)))
        for (src, dst), f in table.items():
            P[index[src], index[dst]] = float(f({}, 0.0, 0.0))
        P[np.diag_indices_from(P)] = 1.0 - P.sum(axis=1)
        return P
