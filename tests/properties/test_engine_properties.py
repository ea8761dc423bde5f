"""Properties of the engine that must hold for any model (Hypothesis)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mkba import Intervention, Model, Parameter, Stream
from mkba.discounting import DiscountSchedule
from tests import oracle

amounts = st.lists(st.floats(-1e4, 1e4, allow_nan=False), min_size=1, max_size=6)
kinds = st.sampled_from(["cost", "benefit", "transfer"])
rates = st.floats(-0.009, 0.2, allow_nan=False)


def build(
    values: list[float],
    kinds_: list[str],
    rate: float | DiscountSchedule,
    horizon: int = 4,
    order: list[int] | None = None,
) -> Model:
    streams = [
        Stream(
            name=f"s{i}",
            kind=k,
            stakeholder=f"A{i % 3}",  # type: ignore[arg-type]
            payer="Rijk" if k == "transfer" else None,
            amount=f"v{i} * ramp(t, 2)",
        )
        for i, k in enumerate(kinds_)
    ]
    if order is not None:
        streams = [streams[i] for i in order]
    return Model(
        name="p",
        start_year=2025,
        horizon=horizon,
        discount=rate,
        parameters=[Parameter(name=f"v{i}", value=v) for i, v in enumerate(values)],
        project=Intervention(name="p", streams=streams),
    )


@settings(max_examples=60, deadline=None)
@given(amounts, st.data(), rates, st.floats(-3, 3))
def test_npv_is_linear_in_the_flows(values, data, rate, scale) -> None:
    ks = data.draw(st.lists(kinds, min_size=len(values), max_size=len(values)))
    m = build(values, ks, rate)
    scaled = m.with_values(**{f"v{i}": v * scale for i, v in enumerate(values)})
    assert np.isclose(scaled.evaluate().npv, scale * m.evaluate().npv, rtol=1e-9, atol=1e-6)


@settings(max_examples=60, deadline=None)
@given(amounts, st.data(), st.integers(1, 12))
def test_a_zero_rate_gives_the_plain_sum(values, data, horizon) -> None:
    ks = data.draw(st.lists(kinds, min_size=len(values), max_size=len(values)))
    r = build(values, ks, 0.0, horizon=horizon).evaluate()
    f = r.flows()
    sign = f["kind"].map({"benefit": 1.0, "cost": -1.0, "transfer": 0.0})
    assert np.isclose(r.npv, float((sign * f["amount"]).sum()), rtol=1e-12, atol=1e-6)


@settings(max_examples=40, deadline=None)
@given(amounts, st.data(), st.floats(0.0, 0.1))
def test_a_stepped_schedule_with_equal_rates_equals_the_constant_one(values, data, rate) -> None:
    ks = data.draw(st.lists(kinds, min_size=len(values), max_size=len(values)))
    a = build(values, ks, rate, horizon=8).evaluate().npv
    b = build(values, ks, DiscountSchedule.stepped({1: rate, 4: rate}), horizon=8).evaluate().npv
    assert np.isclose(a, b, rtol=1e-12, atol=1e-6)


@settings(max_examples=60, deadline=None)
@given(amounts, st.data(), rates)
def test_transfers_net_to_zero_and_stakeholders_balance(values, data, rate) -> None:
    ks = data.draw(st.lists(kinds, min_size=len(values), max_size=len(values)))
    m = build(values, ks, rate)
    r = m.evaluate()
    without = build(
        [v if k != "transfer" else 0.0 for v, k in zip(values, ks, strict=True)], ks, rate
    ).evaluate()
    assert np.isclose(r.npv, without.npv, rtol=1e-12, atol=1e-6)
    assert np.isclose(r.by_stakeholder()["net"].sum(), r.npv, rtol=1e-9, atol=1e-6)
    assert r.pv_costs >= 0 and r.pv_benefits >= 0


@settings(max_examples=40, deadline=None)
@given(amounts, st.data(), rates)
def test_stream_order_does_not_matter(values, data, rate) -> None:
    ks = data.draw(st.lists(kinds, min_size=len(values), max_size=len(values)))
    order = data.draw(st.permutations(list(range(len(values)))))
    a = build(values, ks, rate).evaluate()
    b = build(values, ks, rate, order=list(order)).evaluate()
    assert np.isclose(a.npv, b.npv, rtol=1e-12, atol=1e-6)
    assert np.isclose(a.pv_costs, b.pv_costs, rtol=1e-12, atol=1e-6)


@settings(max_examples=40, deadline=None)
@given(amounts, st.data(), rates)
def test_the_engine_agrees_with_the_oracle(values, data, rate) -> None:
    ks = data.draw(st.lists(kinds, min_size=len(values), max_size=len(values)))
    m = build(values, ks, rate)
    assert np.isclose(m.evaluate().npv, oracle.npv(m, m.values), rtol=1e-10, atol=1e-6)
