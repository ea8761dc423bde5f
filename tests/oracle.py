"""A naive oracle: the MKBA computed draw by draw and year by year with plain Python.

It shares nothing with the engine but the parsed formulas (whose own correctness
tests/test_formula.py checks against a separate evaluator): no vectorisation, no
factoring into parameter and time parts, no chunking, discount factors multiplied out
rate by rate.

People flows (cohorts) follow DESIGN.md, "People flows (cohorts)", literally: per draw
and year the full transition matrix P(t) (diagonal = 1 − the row's other entries) is
built entry by entry, and x_0 = start + inflow(0), x_{t+1} = x_t P(t) + inflow(t + 1) is
run with explicit loops over states. Residual values follow "Residual value
(restwaarde)": an amount A booked in year k of a stream with lifetime L leaves
A · (L − (H − k)) / L when positive, credited in year H − 1.

``values`` may be keyed by parameter name (a row of shares as a mapping of target to
share, as :attr:`Model.values` gives it) or by column (``row[target]``, as the rows of a
values table), or mix both.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from mkba.cohort import Cohort
from mkba.discounting import DiscountSchedule
from mkba.formula import Formula
from mkba.model import Intervention, Model, Stream

#: rounding allowed above 1 in a row's sum of probabilities (as DESIGN.md allows none,
#: only floating-point rounding)
ROW_TOL = 1e-12

Values = Mapping[str, Any]


def discount_factor(schedule: DiscountSchedule, t: int, timing: str) -> float:
    """prod_{s=1..t} 1/(1 + r_s), shifted by the timing convention."""
    f = 1.0
    for s in range(1, t + 1):
        f /= 1.0 + schedule.rate(s)
    if timing == "end":
        f /= 1.0 + schedule.rate(t + 1)
    elif timing == "mid":
        f /= (1.0 + schedule.rate(t + 1)) ** 0.5
    return f


def _scalar(formula: Formula, values: Mapping[str, float], t: int, year: int) -> float:
    arrays = {k: np.array([[v]]) for k, v in values.items()}
    out = formula(arrays, np.array([[float(t)]]), np.array([[float(year)]]))
    return float(np.asarray(out, dtype=float).reshape(-1)[0])


def converted(model: Model, values: Values) -> dict[str, float]:
    """Parameter values by column, converted to the model's price year.

    A row of shares (Dirichlet) gives one column ``row[target]`` per target.
    """
    out: dict[str, float] = {}
    for p in model.parameters:
        factor = model.price_factor(p)
        v = values.get(p.name)
        if isinstance(v, Mapping):
            for target, share in v.items():
                out[f"{p.name}[{target}]"] = float(share) * factor
        elif v is not None:
            out[p.name] = float(v) * factor
        for col in p.columns:
            if col in values and not isinstance(values[col], Mapping):
                assert col == p.name or not isinstance(v, Mapping), (
                    f"oracle: '{p.name}' given both as a mapping and as column '{col}'")
                out[col] = float(values[col]) * factor
        missing = [c for c in p.columns if c not in out]
        assert not missing, f"oracle: no value for {missing}"
    return out


# -- people flows ---------------------------------------------------------------------


@dataclass
class Flows:
    """Persons of one cohort in one draw, each ``[state][t]`` (plain lists)."""

    cohort: Cohort
    persons: list[list[float]]
    entering: list[list[float]]
    leaving: list[list[float]]
    start: list[list[float]]  # x_t
    end: list[list[float]]  # x_t P(t)

    def values(self, t: int) -> dict[str, float]:
        """The names a stream formula sees in year t."""
        out: dict[str, float] = {}
        for i, s in enumerate(self.cohort.states):
            out[s] = self.persons[i][t]
            out[f"entering({s})"] = self.entering[i][t]
            out[f"leaving({s})"] = self.leaving[i][t]
        return out


def transition_matrix(
    model: Model, cohort: Cohort, conv: Mapping[str, float], t: int
) -> list[list[float]]:
    """The full matrix P(t) of one draw: listed moves, the rest of each row on the
    diagonal. Asserts every probability lies in [0, 1] and every row's moves sum to <= 1."""
    states = list(cohort.states)
    n = len(states)
    year = model.start_year + t
    P = [[0.0] * n for _ in range(n)]
    for (src, dst), f in cohort.formulas["transitions"].items():
        i = states.index(src)
        if dst == "*":
            row = f.text  # a Dirichlet parameter: the whole row
            for target in states:
                key = f"{row}[{target}]"
                if target != src and key in conv:
                    P[i][states.index(target)] = conv[key]
            continue
        p = _scalar(f, conv, t, year)
        assert 0.0 <= p <= 1.0, f"oracle: {cohort.name} {src}->{dst} is {p} at t={t}"
        P[i][states.index(dst)] = p
    for i in range(n):
        moves = 0.0
        for j in range(n):
            if j != i:
                moves += P[i][j]
        assert moves <= 1.0 + ROW_TOL, f"oracle: row {states[i]} sums to {moves} at t={t}"
        P[i][i] = 1.0 - moves
    return P


def cohort_flows(model: Model, cohort: Cohort, values: Values) -> Flows:
    """Run one cohort for one draw over the horizon, by DESIGN.md's recursion."""
    conv = converted(model, values)
    states = list(cohort.states)
    n, horizon = len(states), model.horizon
    f = cohort.formulas
    inflow = [[0.0] * n for _ in range(horizon)]
    for t in range(horizon):
        for s, formula in f["inflow"].items():
            inflow[t][states.index(s)] = _scalar(formula, conv, t, model.start_year + t)
    x = list(inflow[0])
    for s, formula in f["start"].items():
        x[states.index(s)] += _scalar(formula, conv, 0, model.start_year)

    def grid() -> list[list[float]]:
        return [[0.0] * horizon for _ in range(n)]

    start, end, entering, leaving, persons = grid(), grid(), grid(), grid(), grid()
    for t in range(horizon):
        P = transition_matrix(model, cohort, conv, t)
        after = [0.0] * n  # x_t P(t)
        for j in range(n):
            for i in range(n):
                after[j] += x[i] * P[i][j]
        for j in range(n):
            start[j][t] = x[j]
            end[j][t] = after[j]
            arriving = 0.0
            for i in range(n):
                if i != j:
                    arriving += x[i] * P[i][j]
            entering[j][t] = arriving + inflow[t][j]
            departing = 0.0
            for k in range(n):
                if k != j:
                    departing += x[j] * P[j][k]
            leaving[j][t] = departing
            if cohort.counting == "start":
                persons[j][t] = x[j]
            elif cohort.counting == "end":
                persons[j][t] = after[j]
            else:
                persons[j][t] = (x[j] + after[j]) / 2.0
        x = [after[j] + (inflow[t + 1][j] if t + 1 < horizon else 0.0) for j in range(n)]
    return Flows(cohort, persons, entering, leaving, start, end)


def people(model: Model, intervention: Intervention, values: Values) -> list[Flows]:
    """The flows of every cohort of ``intervention`` in one draw."""
    return [cohort_flows(model, c, values) for c in intervention.cohorts]


# -- streams --------------------------------------------------------------------------


def stream_amount(
    model: Model,
    s: Stream,
    values: Values,
    t: int,
    flows: list[Flows] | None = None,
) -> float:
    """Amount of stream ``s`` in year t after corrections (0 when inactive); ``flows``
    are the cohorts of the stream's intervention (state names, entering, leaving)."""
    year = model.start_year + t
    if (s.start is not None and year < s.start) or (s.end is not None and year > s.end):
        return 0.0
    conv: dict[str, float] = dict(converted(model, values))
    for fl in flows or []:
        conv.update(fl.values(t))
    f = s.formulas
    if "amount" in f:
        a = _scalar(f["amount"], conv, t, year)
    else:
        arrays = {k: np.array([[v]]) for k, v in conv.items()}
        a = float(np.asarray(s.amount(arrays, np.array([[float(t)]]))).reshape(-1)[0])  # type: ignore[operator]
    for key in ("deadweight", "attribution", "displacement"):
        if key in f:
            a *= 1.0 - _scalar(f[key], conv, t, year)
    if "drop_off" in f:
        a *= (1.0 - _scalar(f["drop_off"], conv, t, year)) ** t
    if "growth" in f:
        a *= (1.0 + _scalar(f["growth"], conv, t, year)) ** t
    return a


def residual_name(s: Stream) -> str:
    return f"Restwaarde {s.name}"


def _terms(model: Model, values: Values) -> list[tuple[str, float, list[float], list[float]]]:
    """(line name, sign, yearly amounts, discount factors) for every stream of both
    alternatives, residual-value lines included."""
    out = []
    groups = [(model.project, 1.0)]
    if model.reference is not None:
        groups.append((model.reference, -1.0))
    H = model.horizon
    for intervention, sign in groups:
        flows = people(model, intervention, values)
        for s in intervention.streams:
            schedule = s.discount if isinstance(s.discount, DiscountSchedule) else model.discount
            assert isinstance(schedule, DiscountSchedule)
            timing = s.timing or model.timing
            dfs = [discount_factor(schedule, t, timing) for t in range(H)]
            amounts = [stream_amount(model, s, values, t, flows) for t in range(H)]
            out.append((s.name, sign, amounts, dfs))
            if s.lifetime is not None:
                L = s.lifetime
                rest = 0.0
                for k in range(H):
                    left = L - (H - k)
                    if left > 0:
                        rest += amounts[k] * left / L
                yearly = [0.0] * H
                yearly[H - 1] = rest
                out.append((residual_name(s), sign, yearly, dfs))
    return out


def line_amounts(model: Model, values: Values) -> dict[str, list[float]]:
    """Yearly amounts per line: project minus reference, residual lines included."""
    out: dict[str, list[float]] = {}
    for name, sign, amounts, _ in _terms(model, values):
        row = out.setdefault(name, [0.0] * model.horizon)
        for t, a in enumerate(amounts):
            row[t] += sign * a
    return out


def line_pv(model: Model, values: Values) -> dict[str, float]:
    """Present value per line name: project minus reference."""
    out: dict[str, float] = {}
    for name, sign, amounts, dfs in _terms(model, values):
        total = 0.0
        for a, df in zip(amounts, dfs, strict=True):
            total += a * df
        out[name] = out.get(name, 0.0) + sign * total
    return out


def line_scale(model: Model, values: Values) -> dict[str, float]:
    """Per line, the sum of |present value| of its project and reference terms: the size
    against which the rounding of a netted line is judged."""
    out: dict[str, float] = {}
    for name, _, amounts, dfs in _terms(model, values):
        total = 0.0
        for a, df in zip(amounts, dfs, strict=True):
            total += abs(a * df)
        out[name] = out.get(name, 0.0) + total
    return out


def kinds(model: Model) -> dict[str, str]:
    """Kind per line name (a residual-value line is a benefit)."""
    out: dict[str, str] = {}
    for s in model.streams:
        out.setdefault(s.name, s.kind)
        if s.lifetime is not None:
            out.setdefault(residual_name(s), "benefit")
    return out


def npv(model: Model, values: Values) -> float:
    """Sum of benefit lines minus cost lines."""
    pv = line_pv(model, values)
    k = kinds(model)
    return sum({"benefit": 1.0, "cost": -1.0, "transfer": 0.0}[k[n]] * v for n, v in pv.items())
