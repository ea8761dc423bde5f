"""The engine against the naive oracle, hand calculations and numpy-financial."""

from __future__ import annotations

import numpy as np
import numpy_financial as npf
import pytest

from mkba import Intervention, Model, Parameter, Stream
from mkba.discounting import DiscountSchedule
from mkba.distributions import Uniform
from mkba.engine import compile_model
from mkba.errors import MkbaError
from mkba.prices import PriceIndex

from . import oracle

AMOUNTS = [
    "a * 100",
    "a * b * ramp(t, 3)",
    "50 * growth(t, 0.02) * b",
    "a * where(t >= k, 1, 0) * 30",  # mixes a parameter with time: general path
    "b * 10 + t * a",  # a sum over both: general path
    "c * decay(t, 0.1) * once(t, 2) + 5",
    "max(a, b) * between(t, 1, 4) * 12",
    "sqrt(b) * exp(-0.05 * t) * 40",
    "year - 2000 + a",
]
CORRECTIONS = [0.0, 0.1, "d", "d / 2"]


def random_model(rng: np.random.Generator, *, with_reference: bool) -> Model:
    params = [
        Parameter(name="a", value=float(rng.uniform(1, 5)), dist=Uniform(1, 5)),
        Parameter(
            name="b",
            value=float(rng.uniform(2, 9)),
            dist=Uniform(2, 9),
            unit="EUR",
            price_year=2020,
        ),
        Parameter(name="c", value=float(rng.uniform(-3, 3))),
        Parameter(name="d", value=float(rng.uniform(0, 0.4)), dist=Uniform(0, 0.4)),
        Parameter(name="k", value=float(rng.integers(0, 4))),
    ]
    horizon = int(rng.integers(1, 9))
    start = 2025

    def stream(i: int, name: str) -> Stream:
        kind = str(rng.choice(["cost", "benefit", "transfer"]))
        kw: dict = {}
        for key in ("deadweight", "attribution", "drop_off"):
            kw[key] = CORRECTIONS[int(rng.integers(len(CORRECTIONS)))]
        if rng.random() < 0.3:
            kw["growth"] = float(rng.choice([0.01, -0.02]))
        if rng.random() < 0.3:
            kw["start"] = start + int(rng.integers(0, 3))
        if rng.random() < 0.2:
            kw["discount"] = -0.01
            kw["timing"] = "end"
        return Stream(
            name=name,
            kind=kind,  # type: ignore[arg-type]
            stakeholder=f"S{i % 3}",
            payer="Rijk" if kind == "transfer" else None,
            amount=AMOUNTS[int(rng.integers(len(AMOUNTS)))],
            **kw,
        )

    project = [stream(i, f"s{i}") for i in range(int(rng.integers(1, 7)))]
    reference = None
    if with_reference:
        ref_streams = []
        for s in project[: len(project) // 2]:  # matched by name
            ref_streams.append(
                Stream(
                    name=s.name,
                    kind=s.kind,
                    stakeholder=s.stakeholder,
                    payer=s.payer,
                    amount=AMOUNTS[int(rng.integers(len(AMOUNTS)))],
                    discount=s.discount,
                    timing=s.timing,
                )
            )
        ref_streams.append(stream(9, "alleen_referentie"))  # avoided entirely
        reference = Intervention(name="Nulalternatief", streams=ref_streams)
    discount = [0.03, DiscountSchedule.stepped({1: 0.04, 3: 0.02}), 0.0][int(rng.integers(3))]
    return Model(
        name="random",
        parameters=params,
        project=Intervention(name="p", streams=project),
        reference=reference,
        start_year=start,
        horizon=horizon,
        price_year=2025,
        discount=discount,
        timing=str(rng.choice(["start", "mid", "end"])),  # type: ignore[arg-type]
        price_index=PriceIndex({2020: 100.0, 2025: 117.0}),
    )


@pytest.mark.parametrize("seed", range(40))
def test_engine_matches_the_naive_loop_on_random_models(seed: int) -> None:
    rng = np.random.default_rng(seed)
    model = random_model(rng, with_reference=seed % 2 == 1)
    cm = compile_model(model)
    X = np.column_stack(
        [p.dist.sample(5, rng) if p.dist else np.full(5, p.value) for p in model.parameters]
    )
    got = cm.pv(X)
    for i in range(X.shape[0]):
        want = oracle.line_pv(model, dict(zip(cm.names, X[i], strict=True)))
        for j, line in enumerate(cm.lines):
            assert got[i, j] == pytest.approx(want[line.name], rel=1e-10, abs=1e-9)


@pytest.mark.parametrize("seed", range(10))
def test_results_do_not_depend_on_the_chunk_size(seed: int) -> None:
    rng = np.random.default_rng(100 + seed)
    cm = compile_model(random_model(rng, with_reference=True))
    X = np.column_stack(
        [
            p.dist.sample(1001, rng) if p.dist else np.full(1001, p.value)
            for p in cm.model.parameters
        ]
    )
    whole = cm.pv(X)
    for size in (1, 7, 256, 1000):
        assert np.array_equal(cm.pv(X, chunk_size=size), whole)


def test_yearly_amounts_sum_to_the_present_values() -> None:
    rng = np.random.default_rng(5)
    cm = compile_model(random_model(rng, with_reference=True))
    X = cm.matrix()
    pv = (cm.amounts(X)[0] * cm.line_df).sum(axis=1)
    np.testing.assert_allclose(pv, cm.pv(X)[0], rtol=1e-12, atol=1e-9)


def test_npv_matches_numpy_financial() -> None:
    flows = [-1000.0, 300.0, 420.0, 500.0, 260.0]
    model = Model(
        name="npf",
        start_year=2025,
        horizon=5,
        discount=0.07,
        parameters=[Parameter(name=f"f{i}", value=v) for i, v in enumerate(flows)],
        project=Intervention(
            name="p",
            streams=[
                Stream(
                    name="net",
                    kind="benefit",
                    stakeholder="Gemeente",
                    amount=" + ".join(f"f{i} * once(t, {i})" for i in range(5)),
                )
            ],
        ),
    )
    r = model.evaluate()
    # numpy-financial's npv leaves the first value undiscounted, as timing "start" does
    assert r.npv == pytest.approx(npf.npv(0.07, flows), rel=1e-12)
    assert r.irr == pytest.approx(npf.irr(flows), rel=1e-9)


def test_hand_calculated_reference_model() -> None:
    # costs 100 + 100/1.05 + 100/1.05**2 = 285.94104; benefits 1.5 times that;
    # a reference cost of 80 a year is avoided: npv = (150 - 100 + 80) * 2.8594104
    model = Model(
        name="hand",
        start_year=2025,
        horizon=3,
        discount=0.05,
        parameters=[Parameter(name="c", value=100.0), Parameter(name="b", value=150.0)],
        project=Intervention(
            name="p",
            streams=[
                Stream(name="Kosten", kind="cost", stakeholder="Gemeente", amount="c"),
                Stream(name="Baten", kind="benefit", stakeholder="Rijk", amount="b"),
            ],
        ),
        reference=Intervention(
            name="nul",
            streams=[Stream(name="Opvang", kind="cost", stakeholder="Gemeente", amount="80")],
        ),
    )
    r = model.evaluate()
    annuity = 1 + 1 / 1.05 + 1 / 1.05**2
    assert r.npv == pytest.approx(130 * annuity)
    # the avoided reference cost shows as a benefit: costs 100, benefits 150 + 80
    assert r.pv_costs == pytest.approx(100 * annuity)
    assert r.pv_benefits == pytest.approx(230 * annuity)


def test_a_matched_reference_stream_is_subtracted_year_by_year() -> None:
    model = Model(
        name="m",
        start_year=2025,
        horizon=2,
        discount=0.0,
        project=Intervention(
            name="p",
            streams=[Stream(name="Zorg", kind="cost", stakeholder="Zorgverzekeraar", amount="60")],
        ),
        reference=Intervention(
            name="nul",
            streams=[Stream(name="Zorg", kind="cost", stakeholder="Zorgverzekeraar", amount="100")],
        ),
    )
    r = model.evaluate()
    flows = r.flows()
    assert flows["amount"].tolist() == [-40.0, -40.0]
    # an incremental cost with a negative present value is an avoided cost: a benefit
    assert (r.pv_costs, r.pv_benefits, r.npv) == (0.0, 80.0, 80.0)


def test_a_non_finite_amount_names_the_stream_and_the_values() -> None:
    model = Model(
        name="m",
        start_year=2025,
        horizon=2,
        discount=0.0,
        parameters=[Parameter(name="n", value=0.0)],
        project=Intervention(
            name="p",
            streams=[Stream(name="Deling", kind="cost", stakeholder="Gemeente", amount="100 / n")],
        ),
    )
    with pytest.raises(MkbaError, match=r"Deling.*n=0"):
        model.evaluate()


def test_callable_amounts_are_evaluated_like_formulas() -> None:
    def amount(values, t):
        return values["n"] * 10 * (t + 1)

    kw = dict(
        name="m",
        start_year=2025,
        horizon=3,
        discount=0.1,
        parameters=[Parameter(name="n", value=2.0)],
    )
    by_callable = Model(
        **kw,
        project=Intervention(
            name="p", streams=[Stream(name="x", kind="benefit", stakeholder="Rijk", amount=amount)]
        ),
    )
    by_formula = Model(
        **kw,
        project=Intervention(
            name="p",
            streams=[
                Stream(name="x", kind="benefit", stakeholder="Rijk", amount="n * 10 * (t + 1)")
            ],
        ),
    )
    assert by_callable.evaluate().npv == pytest.approx(by_formula.evaluate().npv, rel=1e-14)


def test_parameters_in_another_price_year_are_converted() -> None:
    index = PriceIndex({2020: 100.0, 2025: 125.0})
    model = Model(
        name="m",
        start_year=2025,
        horizon=1,
        discount=0.0,
        price_index=index,
        parameters=[
            Parameter(name="p", value=80.0, unit="EUR", price_year=2020),
            Parameter(name="q", value=3.0),
        ],
        project=Intervention(
            name="p", streams=[Stream(name="x", kind="cost", stakeholder="Rijk", amount="p * q")]
        ),
    )
    # 80 euro of 2020 is 80 * 125 / 100 = 100 euro of 2025; quantities are not converted
    assert model.evaluate().pv_costs == pytest.approx(300.0)
    # an override is in the parameter's own price year too
    assert model.evaluate({"p": 40.0}).pv_costs == pytest.approx(150.0)
