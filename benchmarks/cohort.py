"""Cohort benchmark: people flows (an 8-state, 30-year shelter model) under Monte Carlo.

    python benchmarks/cohort.py            # 10^5 draws (keep="lines") and 10^6 (keep="summary")
    python benchmarks/cohort.py --draws 20000 --summary-draws 100000   # smaller, quicker
    python benchmarks/run.py --cohort      # the same, from the main benchmark script

The model: 1,000 homeless persons at the start plus a drawn inflow onto the street every
year, moving between eight states (straat, nachtopvang, opvang_24uur, beschermd_wonen,
woning_begeleid, zelfstandig, detentie, overleden) for 30 years, in the project and in
the nulalternatief (same cohort and state names, different transition probabilities:
the project scales some by drawn effects, adds a route from night shelter into a
supported home and ramps its extra doorstroom up over three years). 24 uncertain
parameters: 12 probabilities (Beta on bounded ranges, and one Dirichlet row for the
outflow from 24-hour shelter), 4 effects (PERT, Beta), 7 prices (PERT, Gamma, LogNormal)
and the yearly inflow (Gamma). Streams are persons in a state × a yearly price, and
``entering(woning_begeleid) × inrichting`` (a one-off cost per newcomer).

Each case runs in a fresh subprocess, so its peak memory (``ru_maxrss``) is its own:

- ``lines``: ``sensitivity.monte_carlo(m, n, rng=SEED)`` (default ``keep="lines"``),
  the faster of two runs; peak RSS after the first run;
- ``vs numpy``: that time divided by a hand-written plain-numpy lower bound (the faster
  of two runs): the same uniforms (the same ``SeedSequence`` blocks as ``monte_carlo``)
  through the same quantile functions, then the recursion of both alternatives batched
  over draws (states × draws arrays; per year one multiply and two in-place adds per
  listed move), the discounted person-years per state accumulated inside the recursion,
  and the NPV as prices × discounted person-years — no engine, no chunks, no checks,
  nothing kept per draw but the NPV. Its NPVs are checked against ``monte_carlo``'s on
  the same draws (``bound vs mkba``: mean and largest per-draw relative difference);
- ``vs loop``: a per-draw loop, ``model.evaluate(values)`` draw by draw (how dampack
  and heemod run a probabilistic analysis), timed on ``LOOP_DRAWS`` draws and
  extrapolated, divided by the Monte Carlo time;
- ``summary``: ``monte_carlo(m, N, rng=SEED, keep="summary")`` in its own subprocess:
  seconds and peak RSS.

This is not a test: it prints a table. Numbers are recorded in docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from typing import Any, Literal

import numpy as np

SEED = 20250101
#: draws of the per-draw loop (extrapolated to the full run)
LOOP_DRAWS = 200

STATES = (
    "straat",
    "nachtopvang",
    "opvang_24uur",
    "beschermd_wonen",
    "woning_begeleid",
    "zelfstandig",
    "detentie",
    "overleden",
)
START = {"straat": 600, "nachtopvang": 250, "opvang_24uur": 100, "beschermd_wonen": 50}

#: persons in a state × a yearly price: (stream, kind, stakeholder, state, price parameter)
STATE_STREAMS: list[tuple[str, Literal["cost", "benefit"], str, str, str]] = [
    ("Straat (politie, crisisdienst)", "cost", "Politie en justitie", "straat", "kosten_straat"),
    ("Nachtopvang", "cost", "Gemeente", "nachtopvang", "prijs_nacht"),
    ("24-uursopvang", "cost", "Gemeente", "opvang_24uur", "prijs_24uur"),
    ("Beschermd wonen", "cost", "Gemeente", "beschermd_wonen", "prijs_bw"),
    ("Woonbegeleiding", "cost", "Gemeente", "woning_begeleid", "prijs_begeleiding"),
    ("Detentie", "cost", "Politie en justitie", "detentie", "prijs_detentie"),
    ("Participatie", "benefit", "Rijk", "zelfstandig", "baten_zelfstandig"),
]
#: the project's own coordination cost per year, for the first five years
PROJECT_COST = 400_000.0
#: discount rate (constant; flows at the start of each year)
DISCOUNT = 0.0225


def _params() -> list[Any]:
    from mkba import Parameter
    from mkba.distributions import PERT, Beta, Dirichlet, Gamma, LogNormal

    def prob(name: str, mean: float, sd: float, low: float, high: float) -> Any:
        return Parameter(name=name, dist=Beta.from_mean_sd(mean, sd, low, high), unit="kans/jaar")

    return [
        # yearly transition probabilities (nulalternatief), each on a bounded range so
        # that every row sums to at most 1 in every draw
        prob("p_straat_nacht", 0.25, 0.04, 0.10, 0.40),
        prob("p_straat_24uur", 0.08, 0.02, 0.02, 0.15),
        prob("p_straat_detentie", 0.05, 0.01, 0.02, 0.10),
        prob("p_dood", 0.012, 0.003, 0.005, 0.025),  # street mortality is 3 × this
        prob("p_nacht_straat", 0.25, 0.05, 0.10, 0.40),
        prob("p_nacht_24uur", 0.20, 0.04, 0.05, 0.35),
        Parameter(
            name="uit_24uur",  # where 24-hour shelter residents go in a year
            dist=Dirichlet(
                {"opvang_24uur": 55, "beschermd_wonen": 10, "woning_begeleid": 20, "straat": 15}
            ),
        ),
        prob("p_bw_woning", 0.15, 0.03, 0.05, 0.30),
        prob("p_woning_zelfstandig", 0.20, 0.04, 0.05, 0.35),
        prob("p_terugval", 0.12, 0.03, 0.03, 0.25),
        prob("p_terugval_zelfstandig", 0.04, 0.01, 0.01, 0.10),
        prob("p_detentie_uit", 0.55, 0.05, 0.40, 0.75),
        # effects of the project
        Parameter(name="rr_outreach", dist=PERT(1.0, 1.25, 1.5), unit="factor"),
        Parameter(name="rr_terugval", dist=PERT(0.45, 0.65, 0.9), unit="factor"),
        prob("extra_doorstroom", 0.15, 0.04, 0.0, 0.35),
        prob("p_nacht_woning", 0.08, 0.02, 0.02, 0.15),
        # prices, EUR per person per year (inrichting: once per newcomer)
        Parameter(
            name="kosten_straat", dist=LogNormal.from_mean_sd(14_000, 4_000), unit="EUR/jaar"
        ),
        Parameter(name="prijs_nacht", dist=PERT(21_000, 27_000, 35_000), unit="EUR/jaar"),
        Parameter(name="prijs_24uur", dist=PERT(45_000, 55_000, 70_000), unit="EUR/jaar"),
        Parameter(name="prijs_bw", dist=Gamma.from_mean_sd(65_000, 9_000), unit="EUR/jaar"),
        Parameter(
            name="prijs_begeleiding", dist=LogNormal.from_mean_sd(16_000, 3_000), unit="EUR/jaar"
        ),
        Parameter(name="prijs_detentie", dist=PERT(80_000, 95_000, 115_000), unit="EUR/jaar"),
        Parameter(name="inrichting", dist=Gamma.from_mean_sd(4_500, 1_200), unit="EUR"),
        # inflow onto the street, persons per year
        Parameter(name="instroom", dist=Gamma.from_mean_sd(180, 30), unit="personen/jaar"),
        # fixed
        Parameter(name="baten_zelfstandig", value=6_000.0, unit="EUR/jaar"),
    ]


def _transitions(project: bool) -> dict[tuple[str, str], str]:
    tr = {
        ("straat", "nachtopvang"): "p_straat_nacht * rr_outreach" if project else "p_straat_nacht",
        ("straat", "opvang_24uur"): "p_straat_24uur",
        ("straat", "detentie"): "p_straat_detentie",
        ("straat", "overleden"): "3 * p_dood",
        ("nachtopvang", "straat"): "p_nacht_straat",
        ("nachtopvang", "opvang_24uur"): "p_nacht_24uur",
        ("nachtopvang", "overleden"): "p_dood",
        ("beschermd_wonen", "woning_begeleid"): "p_bw_woning",
        ("beschermd_wonen", "overleden"): "p_dood",
        ("woning_begeleid", "zelfstandig"): "p_woning_zelfstandig",
        ("woning_begeleid", "straat"): "p_terugval * rr_terugval" if project else "p_terugval",
        ("woning_begeleid", "overleden"): "p_dood",
        ("zelfstandig", "straat"): "p_terugval_zelfstandig",
        ("zelfstandig", "overleden"): "p_dood",
        ("detentie", "straat"): "p_detentie_uit",
        ("detentie", "nachtopvang"): "0.2",
    }
    if project:
        # a new route from night shelter into a supported home, and a share of those who
        # would stay in 24-hour shelter moving on (ramped up over three years)
        tr[("nachtopvang", "woning_begeleid")] = "p_nacht_woning"
        tr[("opvang_24uur", "beschermd_wonen")] = "share(uit_24uur, beschermd_wonen)"
        tr[("opvang_24uur", "woning_begeleid")] = (
            "share(uit_24uur, woning_begeleid)"
            " + extra_doorstroom * ramp(t, 3) * share(uit_24uur, opvang_24uur)"
        )
        tr[("opvang_24uur", "straat")] = "share(uit_24uur, straat)"
    else:
        tr[("opvang_24uur", "*")] = "uit_24uur"
    return tr


def shelter_model(horizon: int = 30) -> Any:
    """The 8-state shelter model: project and nulalternatief, 24 uncertain parameters."""
    from mkba import Cohort, Intervention, Model, Stream

    def intervention(project: bool) -> Any:
        cohort = Cohort(
            name="daklozen",
            states=STATES,
            start=START,
            inflow={"straat": "instroom"},
            transitions=_transitions(project),
        )
        streams = [
            Stream(name=name, kind=kind, stakeholder=who, amount=f"{state} * {price}")
            for name, kind, who, state, price in STATE_STREAMS
        ]
        streams.append(
            Stream(
                name="Inrichting woning",
                kind="cost",
                stakeholder="Gemeente",
                amount="entering(woning_begeleid) * inrichting",
            )
        )
        if project:
            streams.append(
                Stream(
                    name="Projectcoördinatie",
                    kind="cost",
                    stakeholder="Gemeente",
                    amount=f"{PROJECT_COST:g} * between(t, 0, 4)",
                )
            )
        return Intervention(
            name="Doorstroomaanpak" if project else "Nulalternatief",
            cohorts=[cohort],
            streams=streams,
        )

    return Model(
        name="cohort-8x30",
        parameters=_params(),
        project=intervention(True),
        reference=intervention(False),
        start_year=2025,
        horizon=horizon,
        discount=DISCOUNT,
    )


# -- the plain-numpy lower bound --------------------------------------------------------


def _uniforms(n: int, k: int, seed: int) -> np.ndarray:
    """The uniforms of ``monte_carlo(..., rng=seed)`` with the random sampler, (n, k).

    The same SeedSequence tree (root → (design, blocks) → one child per block of 4096
    draws) and the same half-step shift into (0, 1).
    """
    block = 4096
    _, block_root = np.random.SeedSequence(seed).spawn(2)
    children = block_root.spawn(-(-n // block))
    u = np.empty((n, k))
    for b, lo in enumerate(range(0, n, block)):
        gen = np.random.Generator(np.random.PCG64(children[b]))
        u[lo : lo + block] = gen.random((min(block, n - lo), k))
    u += 2.0**-54
    return u


def numpy_bound(model: Any, n: int, seed: int = SEED) -> tuple[float, np.ndarray]:
    """Seconds and NPV per draw of the hand-written bound (see the module docstring)."""
    uncertain = model.uncertain
    k = sum(getattr(p.dist, "width", 1) for p in uncertain)
    fixed = {p.name: float(p.value) for p in model.parameters if p.dist is None}
    df = (1.0 + DISCOUNT) ** -np.arange(model.horizon, dtype=float)  # timing "start"
    project_cost = PROJECT_COST * float(df[:5].sum())
    S = len(STATES)
    ix = {s: i for i, s in enumerate(STATES)}

    start_time = time.perf_counter()
    u = np.ascontiguousarray(_uniforms(n, k, seed).T)  # (k, n), one row per column
    v: dict[str, Any] = dict(fixed)
    j = 0
    for p in uncertain:
        width = getattr(p.dist, "width", None)
        if width is None:
            v[p.name] = p.dist.ppf(u[j])
            j += 1
        else:
            shares = p.dist.ppf(u[j : j + width].T)
            for c, target in enumerate(p.dist.targets):
                v[f"{p.name}[{target}]"] = np.ascontiguousarray(shares[:, c])
            j += width
    ramp = np.minimum((np.arange(model.horizon) + 1.0) / 3.0, 1.0)

    def moves(project: bool) -> list[tuple[int, int, Any]]:
        """(from, to, probability per draw, or a function of the year) of each move."""
        row = "uit_24uur"
        m: list[tuple[int, int, Any]] = [
            (0, 1, v["p_straat_nacht"] * v["rr_outreach"] if project else v["p_straat_nacht"]),
            (0, 2, v["p_straat_24uur"]),
            (0, 6, v["p_straat_detentie"]),
            (0, 7, 3.0 * v["p_dood"]),
            (1, 0, v["p_nacht_straat"]),
            (1, 2, v["p_nacht_24uur"]),
            (1, 7, v["p_dood"]),
            (2, 3, v[f"{row}[beschermd_wonen]"]),
            (2, 4, v[f"{row}[woning_begeleid]"]),
            (2, 0, v[f"{row}[straat]"]),
            (3, 4, v["p_bw_woning"]),
            (3, 7, v["p_dood"]),
            (4, 5, v["p_woning_zelfstandig"]),
            (4, 0, v["p_terugval"] * v["rr_terugval"] if project else v["p_terugval"]),
            (4, 7, v["p_dood"]),
            (5, 0, v["p_terugval_zelfstandig"]),
            (5, 7, v["p_dood"]),
            (6, 0, v["p_detentie_uit"]),
            (6, 1, 0.2),
        ]
        if project:
            m.append((1, 4, v["p_nacht_woning"]))
            stay, woning = v[f"{row}[opvang_24uur]"], v[f"{row}[woning_begeleid]"]
            extra = v["extra_doorstroom"] * stay
            m[8] = (2, 4, lambda t: woning + extra * ramp[t])
        return m

    def discounted(project: bool) -> tuple[np.ndarray, np.ndarray]:
        """Discounted person-years per state (S, n) and discounted entrants of woning."""
        mv = moves(project)
        x = np.zeros((S, n))
        for s, persons in START.items():
            x[ix[s]] = persons
        x[0] += v["instroom"]
        acc = np.zeros((S, n))
        entering = np.zeros(n)
        w = ix["woning_begeleid"]
        for t in range(model.horizon):
            end = x.copy()
            for i, j, p in mv:
                moved = x[i] * (p(t) if callable(p) else p)
                end[i] -= moved
                end[j] += moved
                if j == w:
                    entering += df[t] * moved
            acc += (0.5 * df[t]) * (x + end)  # life-table counting
            x = end
            x[0] += v["instroom"]
        return acc, entering

    npv = np.zeros(n)
    for project, sign in ((True, 1.0), (False, -1.0)):
        acc, entering = discounted(project)
        for _, kind, _, state, price in STATE_STREAMS:
            npv += (sign if kind == "benefit" else -sign) * v[price] * acc[ix[state]]
        npv -= sign * v["inrichting"] * entering
    npv -= project_cost
    return time.perf_counter() - start_time, npv


# -- the cases, each in its own subprocess ---------------------------------------------


def run_lines(n: int) -> dict[str, Any]:
    """``keep="lines"``: Monte Carlo, bound and loop timings, peak memory, NPV check."""
    from mkba import sensitivity

    model = shelter_model()
    sensitivity.monte_carlo(model, 1000, rng=1)  # warm up imports and caches
    start = time.perf_counter()
    mc = sensitivity.monte_carlo(model, n, rng=SEED)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # MiB on Linux
    del mc
    start = time.perf_counter()
    mc = sensitivity.monte_carlo(model, n, rng=SEED)
    seconds = min(seconds, time.perf_counter() - start)
    npv = np.asarray(mc.npv)
    bound = np.inf
    for _ in range(2):
        s, npv_bound = numpy_bound(model, n)
        bound = min(bound, s)
    # the bound draws the same uniforms: its draws are mkba's, so the NPVs agree per draw
    rel_mean = abs(npv_bound.mean() - npv.mean()) / abs(npv.mean())
    rel_max = float(np.max(np.abs(npv_bound - npv)) / np.max(np.abs(npv)))
    draws = mc.draws.iloc[:LOOP_DRAWS].to_dict("records")
    start = time.perf_counter()
    loop_npv = [model.evaluate(values).npv for values in draws]
    loop = (time.perf_counter() - start) / LOOP_DRAWS * n
    loop_rel = float(np.max(np.abs(np.array(loop_npv) - npv[:LOOP_DRAWS])) / np.max(np.abs(npv)))
    return {
        "draws": n,
        "seconds": seconds,
        "peak_mib": peak,
        "bound_seconds": bound,
        "loop_seconds": loop,
        "mean_npv": float(npv.mean()),
        "npv_rel_diff_mean": rel_mean,
        "npv_rel_diff_max": rel_max,
        "loop_rel_diff_max": loop_rel,
        "parameters": len(model.uncertain),
        "columns": len(mc.parameters),
        "lines": len(mc.lines),
    }


def run_summary(n: int) -> dict[str, Any]:
    """``keep="summary"``: seconds and peak memory of one run."""
    from mkba import sensitivity

    model = shelter_model()
    sensitivity.monte_carlo(model, 1000, rng=1, keep="summary")  # warm up
    start = time.perf_counter()
    s = sensitivity.monte_carlo(model, n, rng=SEED, keep="summary")
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"draws": n, "seconds": seconds, "peak_mib": peak, "summary": str(type(s).__name__)}


def _sub(flag: str, n: int) -> dict[str, Any] | str:
    proc = subprocess.run(
        [sys.executable, __file__, flag, str(n)], capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        return f"failed: {proc.stderr.strip().splitlines()[-1:]}"
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--draws", type=int, default=10**5, help='draws of the keep="lines" case')
    ap.add_argument(
        "--summary-draws", type=int, default=10**6, help='draws of the keep="summary" case'
    )
    ap.add_argument("--lines-case", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--summary-case", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.lines_case:
        print(json.dumps(run_lines(args.lines_case)))
        return 0
    if args.summary_case:
        print(json.dumps(run_summary(args.summary_case)))
        return 0
    print("cohort-8x30: 8 states, 30 years, project and nulalternatief, 24 uncertain parameters")
    r = _sub("--lines-case", args.draws)
    if isinstance(r, str):
        print(f'keep="lines" {args.draws}: {r}')
    else:
        n = r["draws"]
        print(
            f'keep="lines", {n:,} draws ({r["columns"]} drawn columns, {r["lines"]} lines): '
            f"{r['seconds']:.2f} s ({n / r['seconds']:,.0f} draws/s), "
            f"peak {r['peak_mib']:.0f} MiB\n"
            f"  numpy lower bound {r['bound_seconds']:.2f} s: "
            f"vs numpy {r['seconds'] / r['bound_seconds']:.2f}x\n"
            f"  per-draw loop (model.evaluate, {LOOP_DRAWS} draws extrapolated) "
            f"{r['loop_seconds']:.0f} s: vs loop {r['loop_seconds'] / r['seconds']:.0f}x\n"
            f"  mean NPV {r['mean_npv']:,.0f}; bound vs mkba, same draws: mean "
            f"{r['npv_rel_diff_mean']:.1e}, max per draw {r['npv_rel_diff_max']:.1e} "
            f"(relative); loop vs mkba max {r['loop_rel_diff_max']:.1e}"
        )
    r = _sub("--summary-case", args.summary_draws)
    if isinstance(r, str):
        print(f'keep="summary" {args.summary_draws}: {r}')
    else:
        n = r["draws"]
        print(
            f'keep="summary", {n:,} draws: {r["seconds"]:.1f} s '
            f"({n / r['seconds']:,.0f} draws/s), peak {r['peak_mib']:.0f} MiB"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
