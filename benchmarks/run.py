"""Monte Carlo benchmarks: draws per second, peak memory, and two ratios.

    python benchmarks/run.py            # 10^4, 10^5 and 10^6 draws
    python benchmarks/run.py --quick    # 10^4 and 10^5 draws
    python benchmarks/run.py --summary  # only keep="summary" at 10^7 draws
    python benchmarks/run.py --cohort   # only the people-flows case (benchmarks/cohort.py)
    python benchmarks/run.py --evppi    # only the value-of-research case (benchmarks/evppi.py)

Every run ends with one ``keep="summary"`` case at 10^7 draws of a built-in model
(seconds and peak memory): summary mode keeps nothing per draw, so its peak does not
grow with the number of draws.

Every case runs in a fresh subprocess, so its peak memory (``ru_maxrss``) is its own.
Two ratios are measured in the same run:

- ``vs loop``: a naive per-draw loop (``model.evaluate(values)`` draw by draw, as
  dampack and heemod evaluate a model), timed on a few hundred draws and extrapolated,
  against the whole Monte Carlo run (sampling included); ``engine vs loop`` against the
  engine and metrics alone on the same draws (the part the loop replaces);
- ``vs numpy``: a hand-written plain-numpy lower bound for the synthetic model: the same
  uniforms and quantile functions, then the present values as one vectorised
  expression (``X @ weights``), with no engine, no chunking and no bookkeeping.

Every run except ``--summary`` ends with the people-flows case of
``benchmarks/cohort.py`` (an 8-state, 30-year cohort model in both alternatives, 24
uncertain parameters: 10^5 draws kept per line, 10^6 with ``keep="summary"``).

This is not a test: it prints a table. Numbers are recorded in docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from typing import Any

import numpy as np

SEED = 20250101


def synthetic_model(streams: int = 20, years: int = 30) -> Any:
    """20 streams over 30 years, one uncertain parameter per stream, mixed distributions."""
    from mkba import Intervention, Model, Parameter, Stream
    from mkba.distributions import PERT, LogNormal, Normal, Triangular, Uniform

    makers = [
        lambda v: PERT(0.7 * v, v, 1.5 * v),
        lambda v: Triangular(0.6 * v, v, 1.4 * v),
        lambda v: Normal(v, 0.1 * v),
        lambda v: Uniform(0.8 * v, 1.2 * v),
        lambda v: LogNormal.from_mean_sd(v, 0.2 * v),
    ]
    params = [Parameter(name="n", value=100.0)]
    body = []
    for i in range(streams):
        v = 1000.0 * (1 + i % 7)
        params.append(Parameter(name=f"p{i}", value=v, dist=makers[i % len(makers)](v)))
        body.append(
            Stream(
                name=f"S{i}",
                kind="cost" if i % 3 == 0 else "benefit",
                stakeholder=["Gemeente", "Rijk", "Zorgverzekeraar", "Politie en justitie"][i % 4],
                amount=f"n * p{i} * ramp(t, 3)",
            )
        )
    return Model(
        name="synthetic-20x30",
        parameters=params,
        project=Intervention(name="p", streams=body),
        start_year=2025,
        horizon=years,
        discount=0.0225,
    )


def load_model(name: str) -> Any:
    if name == "synthetic":
        return synthetic_model()
    from mkba import interventions

    return interventions.load(name)


def lower_bound(model: Any, n: int) -> float:
    """Seconds for the same sampling plus the present values as one numpy expression."""
    from mkba.engine import compile_model
    from mkba.sensitivity.sampling import BLOCK

    cm = compile_model(model)
    uncertain = model.uncertain
    # weight of parameter p_i in the NPV: sign * n * sum_t ramp(t, 3) * discount factor
    weights = np.array(
        [
            (-1.0 if cm.kinds[i] == "cost" else 1.0) * cm.terms[i].time_sum * cm.base[0]
            for i in range(len(uncertain))
        ]
    )
    start = time.perf_counter()
    total = 0.0
    seeds = np.random.SeedSequence(SEED).spawn(-(-n // BLOCK))
    for b, lo in enumerate(range(0, n, BLOCK)):
        u = np.random.Generator(np.random.PCG64(seeds[b])).random(
            (min(BLOCK, n - lo), len(uncertain))
        )
        X = np.empty_like(u)
        for j, p in enumerate(uncertain):
            X[:, j] = p.dist.ppf(u[:, j])
        total += float((X @ weights).sum())
    return time.perf_counter() - start


def lower_bound_generic(model: Any, n: int) -> float:
    """Seconds for the same sampling plus each stream's arithmetic done once, by hand.

    For a built-in model the NPV is not linear in the parameters, so the bound evaluates
    every stream's parameter part on the whole (n,) columns at once and multiplies it by
    its discounted time sum (streams that do not factor: the (n × years) amounts times
    the discount factors) — the arithmetic the engine must do, without chunks, blocks,
    checks or bookkeeping.
    """
    from mkba.engine import compile_model
    from mkba.sensitivity.sampling import BLOCK

    cm = compile_model(model)
    cols = [cm.names.index(p.name) for p in model.uncertain]
    sign = {"cost": -1.0, "benefit": 1.0, "transfer": 0.0}
    start = time.perf_counter()
    seeds = np.random.SeedSequence(SEED).spawn(-(-n // BLOCK))
    u = np.concatenate(
        [
            np.random.Generator(np.random.PCG64(seeds[b])).random((min(BLOCK, n - lo), len(cols)))
            for b, lo in enumerate(range(0, n, BLOCK))
        ]
    )
    X = np.repeat((cm.base * cm.price)[None, :], n, axis=0)
    for j, c in enumerate(cols):
        X[:, c] = model.parameters[c].dist.ppf(u[:, j]) * cm.price[c]
    values = {name: X[:, i : i + 1] for i, name in enumerate(cm.names)}
    npv = np.zeros(n)
    for term in cm.terms:
        k = sign[cm.kinds[term.line]] * term.sign
        if term.param_part is not None:
            p = term.param_part(values, cm.t, cm.year) * cm._once(term.stream, values)
            npv += k * term.time_sum * np.broadcast_to(p, (n, 1))[:, 0]
        else:
            npv += k * (cm._term_amounts(term, values, n) * term.df).sum(axis=1)
    return time.perf_counter() - start


def engine_seconds(model: Any, mc: Any) -> float:
    """Seconds for the engine and metrics alone on the drawn values (no sampling)."""
    from mkba import metrics
    from mkba.engine import compile_model

    start = time.perf_counter()
    cm = compile_model(model)
    X = np.repeat(cm.base[None, :], mc.n_draws, axis=0)
    X[:, [cm.names.index(p) for p in mc.parameters]] = mc._draws
    pv = cm.pv(X)
    metrics.costs_benefits(pv, cm.kinds)
    metrics.stakeholder_net(
        pv,
        cm.kinds,
        [ln.stakeholder for ln in cm.lines],
        [ln.payer for ln in cm.lines],
        cm.stakeholders,
    )
    return time.perf_counter() - start


def run_case(name: str, n: int) -> dict[str, Any]:
    """One case in this process: Monte Carlo, loop and lower bound timings, peak memory."""
    from mkba import sensitivity

    model = load_model(name)
    sensitivity.monte_carlo(model, 1000, rng=1)  # warm up imports and caches
    # every timing is the faster of two runs in this process, so the Monte Carlo run and
    # the lower bound pay alike for the first touch of fresh memory (which on a virtual
    # machine can cost more than the arithmetic)
    start = time.perf_counter()
    mc = sensitivity.monte_carlo(model, n, rng=SEED)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # one run, MiB on Linux
    del mc  # free the first run's result before the second
    start = time.perf_counter()
    mc = sensitivity.monte_carlo(model, n, rng=SEED)
    seconds = min(seconds, time.perf_counter() - start)
    engine = min(engine_seconds(model, mc) for _ in range(2))
    loop_n = 300
    draws = mc.draws.iloc[:loop_n].to_dict("records")
    start = time.perf_counter()
    for values in draws:
        model.evaluate(values).npv  # noqa: B018 - the naive loop under test
    loop = (time.perf_counter() - start) / loop_n * n
    bounder = lower_bound if name == "synthetic" else lower_bound_generic
    bound = min(bounder(model, n) for _ in range(2))
    return {
        "case": name,
        "draws": n,
        "seconds": seconds,
        "peak_mib": peak,
        "loop_seconds": loop,
        "bound_seconds": bound,
        "engine_seconds": engine,
        "lines": len(mc.lines),
        "parameters": len(mc.parameters),
        "years": model.horizon,
    }


#: the keep="summary" case: a built-in model at 10^7 draws
SUMMARY_CASE = ("housing_first", 10**7)


def run_summary_case(name: str, n: int) -> dict[str, Any]:
    """``keep="summary"`` in this process: seconds and peak memory of one run."""
    from mkba import sensitivity

    model = load_model(name)
    sensitivity.monte_carlo(model, 1000, rng=1, keep="summary")  # warm up
    start = time.perf_counter()
    sensitivity.monte_carlo(model, n, rng=SEED, keep="summary")
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"case": name, "draws": n, "seconds": seconds, "peak_mib": peak}


def builtin_names() -> list[str]:
    try:
        from mkba import interventions
    except ImportError:
        return []
    try:
        return list(interventions.names())
    except Exception:
        return []


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="10^4 and 10^5 draws only")
    ap.add_argument("--summary", action="store_true", help='only keep="summary" at 10^7')
    ap.add_argument(
        "--cohort", action="store_true", help="only the people-flows case (benchmarks/cohort.py)"
    )
    ap.add_argument(
        "--evppi", action="store_true", help="only the EVPPI case (benchmarks/evppi.py)"
    )
    ap.add_argument("--case", help=argparse.SUPPRESS)
    ap.add_argument("--summary-case", help=argparse.SUPPRESS)
    ap.add_argument("--draws", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.summary_case:
        print(json.dumps(run_summary_case(args.summary_case, args.draws)))
        return 0
    if args.case:
        print(json.dumps(run_case(args.case, args.draws)))
        return 0
    if args.cohort:
        return run_cohort(args.quick)
    if args.evppi:
        return run_evppi(args.quick)
    sizes = [10**4, 10**5] if args.quick else [10**4, 10**5, 10**6]
    cases = [("synthetic", n) for n in sizes]
    cases += [(name, n) for name in builtin_names() for n in sizes]
    if args.summary:
        cases = []
    header = (
        f"{'case':<26}{'draws':>9}{'lines':>6}{'years':>6}{'seconds':>9}{'draws/s':>11}"
        f"{'peak MiB':>10}{'vs loop':>9}{'engine vs loop':>16}{'vs numpy':>10}"
    )
    print(header)
    print("-" * len(header))
    for name, n in cases:
        proc = subprocess.run(
            [sys.executable, __file__, "--case", name, "--draws", str(n)],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            print(f"{name:<26}{n:>9}  failed: {proc.stderr.strip().splitlines()[-1:]}")
            continue
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        speedup = r["loop_seconds"] / r["seconds"]
        engine = r["loop_seconds"] / r["engine_seconds"]
        ratio = r["seconds"] / r["bound_seconds"]
        ratio_s = f"{ratio:>9.2f}x" if np.isfinite(ratio) else f"{'-':>10}"
        print(
            f"{name:<26}{n:>9}{r['lines']:>6}{r['years']:>6}{r['seconds']:>9.2f}"
            f"{n / r['seconds']:>11,.0f}{r['peak_mib']:>10.0f}{speedup:>8.0f}x"
            f"{engine:>15.0f}x{ratio_s}"
        )
    name, n = SUMMARY_CASE
    if name in builtin_names():
        proc = subprocess.run(
            [sys.executable, __file__, "--summary-case", name, "--draws", str(n)],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            print(f"summary {name} {n}: failed: {proc.stderr.strip().splitlines()[-1:]}")
        else:
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            print(
                f'\nkeep="summary": {name}, {n:.0e} draws, {r["seconds"]:.1f} s '
                f"({n / r['seconds']:,.0f} draws/s), peak {r['peak_mib']:.0f} MiB"
            )
    if not args.summary:
        print()
        run_cohort(args.quick)
    return 0


def run_cohort(quick: bool = False) -> int:
    """The people-flows case: ``benchmarks/cohort.py`` (10^5 draws kept per line and
    10^6 with ``keep="summary"``; with ``quick``, 10^5 for both)."""
    import os

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import cohort

    return cohort.main(["--summary-draws", str(10**5)] if quick else [])


def run_evppi(quick: bool = False) -> int:
    """The value-of-research case: ``benchmarks/evppi.py`` (EVPPI of every parameter of
    every built-in model from 10^5 draws; with ``quick``, 2 × 10^4)."""
    import os

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import evppi

    return int(evppi.main(["--draws", str(2 * 10**4)] if quick else []))


if __name__ == "__main__":
    raise SystemExit(main())
