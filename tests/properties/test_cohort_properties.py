"""Properties of people flows (cohorts) for random models (Hypothesis).

Random cohorts of 2–5 states with random start, optional (time-dependent) inflow and
transitions given as constants, parameters (Beta or Uniform(0, x), so they stay valid
probabilities in every draw), time-dependent formulas, Dirichlet rows and share(); the
streams use state names, entering() and leaving(), and sometimes an investment with a
lifetime (a residual-value line). Checked against the plain-loop oracle of
tests/oracle.py, which runs DESIGN.md's recursion with full transition matrices.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkba import Cohort, Intervention, Model, Parameter, Stream
from mkba.cohort import COUNTINGS
from mkba.discounting import DiscountSchedule
from mkba.distributions import Beta, Dirichlet, Uniform
from mkba.sensitivity import monte_carlo
from tests import oracle

STATES = ("straat", "opvang", "woning", "detentie", "overleden")
RTOL = 1e-9

Draw = Callable[[st.SearchStrategy[Any]], Any]


# -- strategies ------------------------------------------------------------------------


@dataclass
class Pool:
    """Parameters made while drawing a model, with unique names."""

    parameters: list[Parameter] = field(default_factory=list)

    def add(self, stem: str, dist: Any, value: float | None = None) -> str:
        name = f"{stem}{len(self.parameters)}"
        self.parameters.append(Parameter(name=name, dist=dist, value=value))  # type: ignore[arg-type]
        return name

    @property
    def rows(self) -> list[Parameter]:
        return [p for p in self.parameters if isinstance(p.dist, Dirichlet)]


def number(draw: Draw, lo: float, hi: float) -> float:
    """A short decimal in [lo, hi] (formulas stay readable when a test fails)."""
    return round(draw(st.floats(lo, hi, allow_nan=False)), 4)


def persons(draw: Draw, pool: Pool, *, timed: bool) -> str | float:
    """A number of persons: a constant, a parameter, or (timed) a formula of t."""
    kind = draw(st.sampled_from(["const", "param", "ramp", "between", "linear"] if timed
                                else ["const", "param"]))
    if kind == "const":
        return number(draw, 0.0, 200.0)
    hi = number(draw, 1.0, 100.0)
    p = pool.add("n", Uniform(0.0, hi))
    if kind == "param":
        return p
    if kind == "ramp":
        return f"{p} * ramp(t, {draw(st.integers(1, 4))})"
    if kind == "between":
        a = draw(st.integers(0, 3))
        return f"{p} * between(t, {a}, {a + draw(st.integers(0, 3))})"
    return f"{p} + {number(draw, 0.0, 5.0)} * t"


def probability(draw: Draw, pool: Pool, cap: float, states: tuple[str, ...]) -> str | float:
    """A probability that stays in [0, cap] for every draw and year."""
    kind = draw(st.sampled_from(["const", "beta", "uniform", "between", "ramp", "year",
                                 "share"]))
    if kind == "const":
        return number(draw, 0.0, cap) if draw(st.booleans()) else 0.0
    if kind == "beta":
        p = pool.add("p", Beta(number(draw, 0.5, 5.0), number(draw, 0.5, 5.0)))
        return p if cap == 1.0 else f"{p} * {cap!r}"
    if kind == "uniform":
        return pool.add("p", Uniform(0.0, cap))
    if kind == "share":
        if not pool.rows or draw(st.booleans()):
            targets = draw(st.lists(st.sampled_from(states), min_size=2, max_size=len(states),
                                    unique=True))
            pool.add("uit", Dirichlet({s: number(draw, 0.5, 50.0) for s in targets}))
        row = draw(st.sampled_from(pool.rows))
        assert isinstance(row.dist, Dirichlet)
        target = draw(st.sampled_from(row.dist.targets))
        return f"share({row.name}, {target}) * {cap!r}"
    q: str = repr(number(draw, 0.0, cap)) if draw(st.booleans()) else pool.add(
        "p", Uniform(0.0, cap))
    if kind == "between":
        a = draw(st.integers(0, 3))
        return f"{q} * between(t, {a}, {a + draw(st.integers(0, 3))})"
    if kind == "year":
        return f"where(year >= {2025 + draw(st.integers(0, 4))}, {q}, 0)"
    return f"{q} * ramp(t, {draw(st.integers(1, 4))})"


@st.composite
def cohorts(
    draw: Draw, pool: Pool, states: tuple[str, ...], name: str = "deelnemers"
) -> Cohort:
    """A random cohort over ``states`` whose parameters go into ``pool``."""
    start = {s: persons(draw, pool, timed=False)
             for s in draw(st.lists(st.sampled_from(states), unique=True, max_size=3))}
    inflow = {s: persons(draw, pool, timed=True)
              for s in draw(st.lists(st.sampled_from(states), unique=True, max_size=2))}
    transitions: dict[tuple[str, str], str | float] = {}
    for src in states:
        mode = draw(st.sampled_from(["none", "entries", "entries", "row"]))
        others = [s for s in states if s != src]
        if mode == "row" and pool.rows and draw(st.booleans()):
            # a row shared with another row or alternative: one draw for all who name it
            transitions[(src, "*")] = draw(st.sampled_from(pool.rows)).name
        elif mode == "row":
            targets = draw(st.lists(st.sampled_from(states), min_size=2, max_size=len(states),
                                    unique=True))
            transitions[(src, "*")] = pool.add(
                "uit", Dirichlet({s: number(draw, 0.5, 50.0) for s in targets}))
        elif mode == "entries":
            targets = draw(st.lists(st.sampled_from(others), min_size=1, unique=True))
            total = draw(st.sampled_from([1.0, 0.9, 0.5]))
            for dst in targets:
                cap = total / len(targets)
                transitions[(src, dst)] = probability(draw, pool, cap, states)
    return Cohort(name=name, states=states, start=start, inflow=inflow,
                  transitions=transitions, counting=draw(st.sampled_from(COUNTINGS)))


def amount(draw: Draw, states: tuple[str, ...], pool: Pool) -> str:
    """A stream amount over the states of its intervention (or, without, parameters)."""
    c = number(draw, 1.0, 500.0)
    if not states:
        return draw(st.sampled_from([f"{c} * prijs", f"{c} * ramp(t, 3)", f"{c}"]))
    s, s2 = draw(st.sampled_from(states)), draw(st.sampled_from(states))
    options = [
        f"{s} * {c}",
        f"entering({s}) * {c}",
        f"leaving({s}) * {c}",
        f"{s} * prijs * ramp(t, 2)",
        f"({s} + entering({s2})) * {c} * growth(t, 0.02)",
        f"where(t >= 1, leaving({s2}), {s}) * prijs",
    ]
    if pool.rows:
        row = draw(st.sampled_from(pool.rows))
        assert isinstance(row.dist, Dirichlet)
        options.append(f"share({row.name}, {draw(st.sampled_from(row.dist.targets))}) * {s} * {c}")
    return draw(st.sampled_from(options))


def investment(draw: Draw, states: tuple[str, ...], lifetime: float) -> str:
    c = number(draw, 100.0, 5000.0)
    options = [f"{c} * once(t, {draw(st.integers(0, 6))})", f"{c} * between(t, 0, 1) * prijs"]
    if states:
        options.append(f"entering({draw(st.sampled_from(states))}) * {c}")
    return draw(st.sampled_from(options))


@st.composite
def models(draw: Draw, *, reference: bool | None = None) -> Model:
    """A model whose project has a cohort; its reference sometimes has one (same states)
    and sometimes none; streams are netted by name."""
    n = draw(st.integers(2, 5))
    states = tuple(draw(st.permutations(STATES))[:n])
    pool = Pool()
    pool.parameters.append(Parameter(name="prijs", value=80.0, dist=Uniform(50.0, 150.0)))
    project_cohort = draw(cohorts(pool, states))
    with_reference = draw(st.booleans()) if reference is None else reference
    ref_cohort = None
    if with_reference and draw(st.booleans()):
        ref_cohort = draw(cohorts(pool, states))
    ref_states = states if ref_cohort is not None else ()

    def streams(alt_states: tuple[str, ...], names: list[tuple[str, str, str]],
                life: float | None, how: dict[str, Any]) -> list[Stream]:
        out = []
        for name, kind, who in names:
            kw: dict[str, Any] = {}
            if draw(st.integers(0, 4)) == 0:
                kw["deadweight"] = draw(st.sampled_from([0.1, 0.25]))
            out.append(Stream(name=name, kind=kind, stakeholder=who,  # type: ignore[arg-type]
                              payer="Rijk" if kind == "transfer" else None,
                              amount=amount(draw, alt_states, pool), **kw))
        if life is not None:
            out.append(Stream(name="Inrichting", kind="cost", stakeholder="Gemeente",
                              amount=investment(draw, alt_states, life), lifetime=life,
                              **how))
        return out

    names = [(f"s{i}", kind, f"A{i % 2}") for i, kind in enumerate(
        draw(st.lists(st.sampled_from(["cost", "benefit", "transfer"]), min_size=1,
                      max_size=4)))]
    life = draw(st.sampled_from([None, None, 1.0, 2.5, 5.0, 10.0, 30.0]))
    # how the investment is booked: its own years, corrections, discounting (the same in
    # both alternatives, as matched streams must be discounted alike)
    how = draw(st.fixed_dictionaries({}, optional={
        "start": st.integers(2025, 2028), "deadweight": st.just(0.2),
        "growth": st.just(0.03), "discount": st.just(-0.01), "timing": st.just("end")}))
    project = Intervention(name="Project", cohorts=[project_cohort],
                           streams=streams(states, names, life, how))
    ref = None
    if with_reference:
        shared = draw(st.lists(st.sampled_from(names), unique=True, max_size=len(names)))
        only = [("alleen_ref", "cost", "Gemeente")] if draw(st.booleans()) else []
        ref_life = life if draw(st.booleans()) else None
        ref = Intervention(name="Nulalternatief",
                           cohorts=[ref_cohort] if ref_cohort is not None else [],
                           streams=streams(ref_states, shared + only, ref_life, how))
    discount = draw(st.sampled_from(
        [0.0, 0.0225, 0.04, DiscountSchedule.stepped({1: 0.04, 3: 0.02})]))
    return Model(
        name="cohort", parameters=pool.parameters, project=project, reference=ref,
        start_year=2025, horizon=draw(st.sampled_from([4, 8, 1, 2, 6])), discount=discount,
        timing=draw(st.sampled_from(["start", "mid", "end"])),
    )


# -- helpers ---------------------------------------------------------------------------


def base_columns(model: Model) -> dict[str, float]:
    return {c: v for p in model.parameters for c, v in zip(p.columns, p.column_values,
                                                         strict=True)}


def by_parameter(model: Model, columns: dict[str, float]) -> dict[str, Any]:
    """Values keyed by parameter, a row of shares as a mapping (as evaluate() takes it)."""
    out: dict[str, Any] = {}
    for p in model.parameters:
        if isinstance(p.dist, Dirichlet) and p.columns[0] in columns:
            out[p.name] = {t: columns[f"{p.name}[{t}]"] for t in p.dist.targets}
        elif p.name in columns:
            out[p.name] = columns[p.name]
    return out


def assert_lines_match(model: Model, values: dict[str, Any], got: dict[str, float]) -> None:
    want = oracle.line_pv(model, values)
    scale = oracle.line_scale(model, values)
    assert set(got) == set(want)
    for name, w in want.items():
        assert got[name] == pytest.approx(w, rel=RTOL, abs=RTOL * max(scale[name], 1.0)), name


def cohort_of(model: Model, alternative: str) -> Cohort | None:
    i = model.project if alternative == "project" else model.reference
    return i.cohorts[0] if i is not None and i.cohorts else None


def expected_total(model: Model, cohort: Cohort, values: dict[str, Any]) -> np.ndarray:
    """start + cumulative inflow, per year (what conservation of persons promises)."""
    conv = oracle.converted(model, values)
    total, out = 0.0, []
    for f in cohort.formulas["start"].values():
        total += float(f({k: np.array([[v]]) for k, v in conv.items()}, 0.0, 2025.0).item())
    for t in range(model.horizon):
        arrays = {k: np.array([[v]]) for k, v in conv.items()}
        for f in cohort.formulas["inflow"].values():
            total += float(np.asarray(f(arrays, np.array([[float(t)]]),
                                        np.array([[2025.0 + t]]))).item())
        out.append(total)
    return np.array(out)


SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# -- properties ------------------------------------------------------------------------


@SETTINGS
@given(models())
def test_the_base_case_matches_the_oracle(m: Model) -> None:
    r = m.evaluate()
    values: dict[str, Any] = dict(m.values)
    frame = r.to_frame()
    assert_lines_match(m, values, dict(zip(frame["stream"], frame["pv"], strict=True)))
    npv = oracle.npv(m, values)
    assert r.npv == pytest.approx(npv, rel=RTOL, abs=RTOL * max(1.0, sum(
        oracle.line_scale(m, values).values())))
    # yearly amounts (a residual value lands in the last year)
    flows = r.flows()
    for name, amounts in oracle.line_amounts(m, values).items():
        got = flows.loc[flows["stream"] == name, "amount"].to_numpy()
        np.testing.assert_allclose(got, amounts, rtol=RTOL, atol=RTOL * max(
            1.0, float(np.max(np.abs(got)))), err_msg=name)
    # persons, entering and leaving per state and year
    occ = r.occupancy()
    for alt in ("project", "reference"):
        c = cohort_of(m, alt)
        if c is None:
            assert occ[occ["alternative"] == alt].empty
            continue
        fl = oracle.cohort_flows(m, c, values)
        for i, s in enumerate(c.states):
            rows = occ[(occ["alternative"] == alt) & (occ["state"] == s)].sort_values("t")
            for col, want in (("persons", fl.persons[i]), ("entering", fl.entering[i]),
                              ("leaving", fl.leaving[i])):
                np.testing.assert_allclose(rows[col].to_numpy(), want, rtol=RTOL, atol=1e-9,
                                           err_msg=f"{alt} {s} {col}")


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(models(), st.integers(0, 2**32 - 1))
def test_monte_carlo_matches_the_oracle_draw_by_draw(m: Model, seed: int) -> None:
    n = 200
    mc = monte_carlo(m, n, rng=seed, keep="lines")
    assert mc.pv is not None
    columns, rows = list(mc.draws.columns), mc.draws.to_numpy()
    assert columns == [
        c for p in m.parameters if p.dist is not None
        for c in ([f"{p.name}[{t}]" for t in p.dist.targets]
                  if isinstance(p.dist, Dirichlet) else [p.name])
    ]
    base = base_columns(m)
    for i in range(n):
        values: dict[str, Any] = {**base, **dict(zip(columns, rows[i].tolist(), strict=True))}
        assert_lines_match(m, values, dict(zip(mc.lines, mc.pv[i], strict=True)))


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(models(), st.integers(0, 2**32 - 1))
def test_monte_carlo_does_not_depend_on_the_chunk_size(m: Model, seed: int) -> None:
    a = monte_carlo(m, 300, rng=seed, chunk_size=1, keep="lines")
    b = monte_carlo(m, 300, rng=seed, chunk_size=97, keep="lines")
    c = monte_carlo(m, 300, rng=seed, keep="lines")
    for other in (b, c):
        assert np.array_equal(a.pv, other.pv)  # type: ignore[arg-type]
        assert np.array_equal(a.npv, other.npv)
        assert np.array_equal(a.stakeholder_net, other.stakeholder_net)
        assert np.array_equal(a.draws.to_numpy(), other.draws.to_numpy())


@SETTINGS
@given(models(), st.integers(0, 2**32 - 1))
def test_persons_are_conserved(m: Model, seed: int) -> None:
    """Counted at the start of each year, the persons over all states are the start plus
    every inflow so far, in the base case and in drawn cases."""
    cohorts = {alt: c for alt in ("project", "reference")
               if (c := cohort_of(m, alt)) is not None}
    counted = {alt: dataclasses.replace(c, counting="start") for alt, c in cohorts.items()}
    m = m.replace(
        project=dataclasses.replace(m.project, cohorts=[counted["project"]]),
        reference=None if m.reference is None else dataclasses.replace(
            m.reference, cohorts=[counted["reference"]] if "reference" in counted else []),
    )
    cases: list[tuple[dict[str, Any], dict[str, Any]]] = [({}, {})]  # (given, as columns)
    if m.uncertain:
        draws = monte_carlo(m, 3, rng=seed, keep="metrics").draws
        for i in range(3):
            case = {c: float(draws[c].iloc[i]) for c in draws.columns}
            cases.append((case, case))
        cases.append((by_parameter(m, case), case))  # a row of shares given as a mapping
    for given_, case in cases:
        occ = m.evaluate(given_).occupancy()
        values = {**base_columns(m), **case}
        for alt, c in counted.items():
            mine = occ[occ["alternative"] == alt]
            total = mine.groupby("t")["persons"].sum().sort_index().to_numpy()
            want = expected_total(m, c, values)
            np.testing.assert_allclose(total, want, rtol=RTOL, atol=1e-9)
            assert (mine["persons"] >= -1e-9).all()


@SETTINGS
@given(models())
def test_without_moves_the_persons_stay_put(m: Model) -> None:
    """Every transition 0: each state holds its start plus its inflow so far, whatever
    the counting; nobody leaves, and only the inflow enters."""
    c = m.project.cohorts[0]
    still: dict[tuple[str, str], str | float] = {}
    for (src, dst) in c.transitions:
        if dst == "*":
            still.update({(src, o): 0.0 for o in c.states if o != src})
        else:
            still[(src, dst)] = 0.0
    c = dataclasses.replace(c, transitions=still)
    m = m.replace(project=dataclasses.replace(m.project, cohorts=[c]))
    r = m.evaluate()
    occ = r.occupancy()
    occ = occ[occ["alternative"] == "project"]
    values: dict[str, Any] = dict(m.values)
    conv = oracle.converted(m, values)
    for s in c.states:
        rows = occ[occ["state"] == s].sort_values("t")
        single = dataclasses.replace(
            c, start={k: v for k, v in c.start.items() if k == s},
            inflow={k: v for k, v in c.inflow.items() if k == s})
        want = expected_total(m, single, values)
        np.testing.assert_allclose(rows["persons"].to_numpy(), want, rtol=RTOL, atol=1e-9)
        np.testing.assert_allclose(rows["leaving"].to_numpy(), 0.0, atol=0.0)
        inflow = [0.0] * m.horizon
        if s in c.formulas["inflow"]:
            f = c.formulas["inflow"][s]
            arrays = {k: np.array([[v]]) for k, v in conv.items()}
            inflow = [float(np.asarray(f(arrays, np.array([[float(t)]]),
                                         np.array([[2025.0 + t]]))).item())
                      for t in range(m.horizon)]
        np.testing.assert_allclose(rows["entering"].to_numpy(), inflow, rtol=RTOL, atol=1e-9)
    frame = r.to_frame()
    assert_lines_match(m, values, dict(zip(frame["stream"], frame["pv"], strict=True)))
