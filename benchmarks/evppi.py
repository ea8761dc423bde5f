"""EVPPI benchmark: the value of research for every single parameter of a built-in model.

    python benchmarks/evppi.py                    # every built-in model, 10^5 draws
    python benchmarks/evppi.py --draws 20000      # quicker
    python benchmarks/run.py --evppi              # the same, from the main benchmark script

For each model (in a fresh subprocess, so its peak memory is its own):

- ``seconds``: ``sensitivity.evppi(mc, p)`` for every uncertain parameter p, society's
  decision, from one Monte Carlo run of ``--draws`` draws (the run itself not counted);
- ``table``: ``mc.evppi_table()``: the same for society and every stakeholder;
- ``vs nested``: the two-level Monte Carlo the regression replaces (Brennan et al.
  2007), 1,000 outer × 1,000 inner draws per parameter on the vectorised engine, timed
  on a few outer draws and extrapolated, divided by ``seconds``;
- ``vs loop``: the same nested scheme run as a naive per-draw loop
  (``model.evaluate(values)`` draw by draw, as dampack and heemod evaluate a model),
  timed on a few hundred evaluations and extrapolated, divided by ``seconds``.

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
#: outer and inner draws of the nested Monte Carlo the ratios are against
OUTER = INNER = 1000


def run_case(name: str, n: int) -> dict[str, Any]:
    from mkba import interventions, sensitivity
    from mkba.engine import compile_model

    model = interventions.load(name)
    mc = sensitivity.monte_carlo(model, n, rng=SEED, keep="metrics")
    params = [p.name for p in model.uncertain]
    sensitivity.evppi(mc, params[0])  # warm up
    start = time.perf_counter()
    values = [sensitivity.evppi(mc, p) for p in params]
    seconds = time.perf_counter() - start
    start = time.perf_counter()
    mc.evppi_table()
    table = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    # nested Monte Carlo on the engine: a few outer draws of one parameter, extrapolated
    cm = compile_model(model)
    cols = [cm.names.index(c) for c in mc.parameters]
    gen = np.random.default_rng(SEED)
    outer = 5
    start = time.perf_counter()
    for _ in range(outer):
        X = np.repeat(cm.base[None, :], INNER, axis=0)
        X[:, cols] = mc._draws[gen.integers(0, n, INNER)]
        X[:, cols[0]] = mc._draws[gen.integers(0, n), 0]
        cm.pv(X)
    nested = (time.perf_counter() - start) / outer * OUTER * len(params)
    # the same as a per-draw loop
    rows = mc.draws.iloc[:200].to_dict("records")
    start = time.perf_counter()
    for values_row in rows:
        model.evaluate(values_row).npv  # noqa: B018 - the naive loop under test
    loop = (time.perf_counter() - start) / len(rows) * OUTER * INNER * len(params)
    return {
        "case": name,
        "draws": n,
        "parameters": len(params),
        "seconds": seconds,
        "table_seconds": table,
        "nested_seconds": nested,
        "loop_seconds": loop,
        "peak_mib": peak,
        "largest": float(max(values)),
        "evpi": float(mc.evpi()),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--draws", type=int, default=10**5)
    ap.add_argument("--case", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.case:
        print(json.dumps(run_case(args.case, args.draws)))
        return 0
    from mkba import interventions

    header = (f"{'case':<28}{'draws':>9}{'params':>7}{'seconds':>9}{'table s':>9}"
              f"{'vs nested':>11}{'vs loop':>10}{'peak MiB':>10}")
    print(header)
    print("-" * len(header))
    for name in interventions.names():
        proc = subprocess.run(
            [sys.executable, __file__, "--case", name, "--draws", str(args.draws)],
            capture_output=True, text=True, check=False,
        )
        if proc.returncode != 0:
            print(f"{name:<28}  failed: {proc.stderr.strip().splitlines()[-1:]}")
            continue
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        print(f"{name:<28}{r['draws']:>9}{r['parameters']:>7}{r['seconds']:>9.2f}"
              f"{r['table_seconds']:>9.2f}{r['nested_seconds'] / r['seconds']:>10.0f}x"
              f"{r['loop_seconds'] / r['seconds']:>9.0f}x{r['peak_mib']:>10.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
