"""A large Monte Carlo analysis on all cores with a process pool.

The draws are split into chunks that worker processes evaluate; with the same seed the
results are bit-identical to a run in one process, whatever the chunk size or the number
of workers. The `if __name__ == "__main__":` guard is required: worker processes import
this file.

    python examples/monte_carlo_parallel.py [N_DRAWS]
"""

from __future__ import annotations

import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor

import numpy as np

from mkba import interventions, sensitivity


def main(n_draws: int = 50_000) -> None:
    model = interventions.load("wonen_bij_particulieren")

    start = time.perf_counter()
    serial = sensitivity.monte_carlo(model, n_draws=n_draws, rng=42)
    t_serial = time.perf_counter() - start

    workers = min(4, os.cpu_count() or 1)
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        parallel = sensitivity.monte_carlo(model, n_draws=n_draws, rng=42, executor=pool,
                                           chunk_size=max(n_draws // (4 * workers), 1))
    t_parallel = time.perf_counter() - start

    print(f"{model.name}: {n_draws:,} draws")
    print(f"  one process: {t_serial:.2f} s; {workers} workers: {t_parallel:.2f} s "
          "(including starting the pool)")
    print(f"  identical results: {np.array_equal(serial.npv, parallel.npv)}")
    print(f"  P(NPV > 0) = {parallel.prob_positive():.3f}\n")
    print(parallel.summary().to_string(float_format="{:,.2f}".format))
    print()
    print(parallel.by_stakeholder().to_string(float_format="{:,.2f}".format))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
