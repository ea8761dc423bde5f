"""A naive oracle: the MKBA computed draw by draw and year by year with plain Python.

It shares nothing with the engine but the parsed formulas (whose own correctness
tests/test_formula.py checks against a separate evaluator): no vectorisation, no
factoring into parameter and time parts, no chunking, discount factors multiplied out
rate by rate.
"""

from __future__ import annotations

import numpy as np

from mkba.discounting import DiscountSchedule
from mkba.model import Model, Stream


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


def _scalar(formula, values: dict[str, float], t: int, year: int) -> float:
    arrays = {k: np.array([[v]]) for k, v in values.items()}
    out = formula(arrays, np.array([[float(t)]]), np.array([[float(year)]]))
    return float(np.asarray(out, dtype=float).reshape(-1)[0])


def stream_amount(model: Model, s: Stream, values: dict[str, float], t: int) -> float:
    """Amount of stream ``s`` in year t after corrections (0 when inactive)."""
    year = model.start_year + t
    if (s.start is not None and year < s.start) or (s.end is not None and year > s.end):
        return 0.0
    converted = {p.name: values[p.name] * model.price_factor(p) for p in model.parameters}
    f = s.formulas
    if "amount" in f:
        a = _scalar(f["amount"], converted, t, year)
    else:
        arrays = {k: np.array([[v]]) for k, v in converted.items()}
        a = float(np.asarray(s.amount(arrays, np.array([[float(t)]]))).reshape(-1)[0])
    for key in ("deadweight", "attribution", "displacement"):
        if key in f:
            a *= 1.0 - _scalar(f[key], converted, t, year)
    if "drop_off" in f:
        a *= (1.0 - _scalar(f["drop_off"], converted, t, year)) ** t
    if "growth" in f:
        a *= (1.0 + _scalar(f["growth"], converted, t, year)) ** t
    return a


def line_pv(model: Model, values: dict[str, float]) -> dict[str, float]:
    """Present value per stream name: project minus reference."""
    out: dict[str, float] = {}
    groups = [(model.project, 1.0)]
    if model.reference is not None:
        groups.append((model.reference, -1.0))
    for intervention, sign in groups:
        for s in intervention.streams:
            schedule = s.discount if s.discount is not None else model.discount
            timing = s.timing or model.timing
            total = 0.0
            for t in range(model.horizon):
                total += stream_amount(model, s, values, t) * discount_factor(schedule, t, timing)
            out[s.name] = out.get(s.name, 0.0) + sign * total
    return out


def npv(model: Model, values: dict[str, float]) -> float:
    """Sum of benefit lines minus cost lines."""
    pv = line_pv(model, values)
    kinds = {s.name: s.kind for s in model.streams}
    return sum({"benefit": 1.0, "cost": -1.0, "transfer": 0.0}[kinds[n]] * v for n, v in pv.items())
