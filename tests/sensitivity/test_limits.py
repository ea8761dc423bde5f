"""Absurd sizes are refused up front; summary mode streams its blocks; Ctrl-C cancels."""

from __future__ import annotations

import sys
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from mkba import Intervention, Model, Parameter, Stream, sensitivity
from mkba.distributions import PERT
from mkba.errors import SpecificationError
from mkba.sensitivity.sampling import BLOCK, block_uniforms, to_values, uncertain_columns

mc_module = sys.modules["mkba.sensitivity.monte_carlo"]
sobol_module = sys.modules["mkba.sensitivity.sobol"]


def tiny() -> Model:
    return Model(name="klein", start_year=2025, horizon=3, discount=0.0,
                 parameters=[Parameter(name="n", value=2.0, dist=PERT(1, 2, 3))],
                 project=Intervention(name="P", streams=[
                     Stream(name="S", kind="benefit", stakeholder="Gemeente", amount="n * 10")]))


@pytest.mark.parametrize("keep", ["lines", "metrics", "summary"])
def test_absurd_draw_counts_are_refused_at_once(keep: str) -> None:
    t = time.perf_counter()
    with pytest.raises(SpecificationError, match=r"limit|more than") as info:
        sensitivity.monte_carlo(tiny(), 10**13, rng=1, keep=keep)
    assert time.perf_counter() - t < 2
    message = str(info.value)
    assert "10,000,000,000,000" in message
    if keep != "summary":
        assert "keep='summary'" in message and "MAX_MEMORY" in message


def test_summary_mode_has_a_maximum_number_of_draws() -> None:
    with pytest.raises(SpecificationError, match="MAX_SUMMARY_DRAWS"):
        sensitivity.monte_carlo(tiny(), mc_module.MAX_SUMMARY_DRAWS + 1, keep="summary")


def test_a_design_too_big_for_memory_is_refused() -> None:
    with pytest.raises(SpecificationError, match="sampler='random'"):
        sensitivity.monte_carlo(tiny(), 10**9, sampler="lhs", keep="summary")


def test_a_chunk_size_too_big_for_memory_is_refused() -> None:
    with pytest.raises(SpecificationError, match="smaller chunk_size"):
        sensitivity.monte_carlo(tiny(), 10**9, chunk_size=10**9, keep="summary")


def test_sobol_refuses_absurd_sample_sizes(monkeypatch: pytest.MonkeyPatch) -> None:
    t = time.perf_counter()
    with pytest.raises(SpecificationError, match="MAX_RUNS"):
        sensitivity.sobol(tiny(), n=10**9)
    monkeypatch.setattr(sobol_module, "MAX_MEMORY", 2**20)
    with pytest.raises(SpecificationError, match="MAX_MEMORY"):
        sensitivity.sobol(tiny(), n=2**16)
    assert time.perf_counter() - t < 2


def test_block_seeds_made_by_spawn_key_equal_spawned_ones() -> None:
    root = np.random.SeedSequence(12345).spawn(2)[1]
    kids = np.random.SeedSequence(root.entropy, spawn_key=root.spawn_key).spawn(40)
    for b in (0, 1, 39):
        made = mc_module.block_seed(root, b)
        assert np.array_equal(made.generate_state(8), kids[b].generate_state(8))


def test_draws_are_those_of_the_spawned_block_seeds() -> None:
    """Bit-identical to the seeds of ``block_root.spawn(n_blocks)`` (before streaming)."""
    m = tiny()
    n = 3 * BLOCK + 17
    mc = sensitivity.monte_carlo(m, n, rng=5, chunk_size=BLOCK)
    root = np.random.SeedSequence(5)
    block_root = root.spawn(2)[1]
    seeds = block_root.spawn(4)
    _, dists = uncertain_columns(m)
    u = np.concatenate([block_uniforms(seeds[b], min(BLOCK, n - b * BLOCK), 1)
                        for b in range(4)])
    assert np.array_equal(mc.draws.to_numpy(), to_values(u, dists))


def test_tasks_and_block_seeds_are_made_lazily() -> None:
    tasks = mc_module._tasks(10**10, 64, "t", np.random.SeedSequence(1), None, None, None,
                             "summary")
    first = next(tasks)  # made lazily: 10**10 draws would be 2.4 million blocks
    assert (first.lo, first.hi, first.first_block) == (0, 64 * BLOCK, 0)
    second = next(tasks)
    assert (second.lo, second.first_block) == (64 * BLOCK, 64)


def test_summary_memory_does_not_grow_with_the_draws(monkeypatch: pytest.MonkeyPatch) -> None:
    import tracemalloc

    monkeypatch.setattr(mc_module, "TASK_BLOCKS", 4)  # the same task size for both runs
    peaks = []
    for n in (64 * BLOCK, 512 * BLOCK):
        tracemalloc.start()
        sensitivity.monte_carlo(tiny(), n, rng=1, keep="summary")
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    assert peaks[1] < 1.5 * peaks[0] + 2**20, peaks


def test_an_interrupt_cancels_the_tasks_not_started(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = mc_module._run_task

    def run(model: Model, task: object) -> object:
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        time.sleep(0.05)
        return real(model, task)

    monkeypatch.setattr(mc_module, "_run_task", run)
    with ThreadPoolExecutor(1) as ex, pytest.raises(KeyboardInterrupt):
        sensitivity.monte_carlo(tiny(), 40 * BLOCK, rng=1, chunk_size=BLOCK, executor=ex)
    assert len(calls) < 40 and len(calls) <= 4


def test_a_model_with_nothing_uncertain_has_an_exact_zero_sd() -> None:
    # floating noise (1e-10) must not show as a standard deviation
    from mkba import Intervention, Model, Parameter, Stream, sensitivity

    m = Model(name="vast", start_year=2025, horizon=3, discount=0.03,
              parameters=[Parameter(name="n", value=0.1)],
              project=Intervention(name="P", streams=[
                  Stream(name="S", kind="benefit", stakeholder="G", amount="n * 7.3")]))
    for keep in ("lines", "summary"):
        s = sensitivity.monte_carlo(m, 300, rng=1, keep=keep).summary()
        assert s.loc["npv", "sd"] == 0.0
        assert s.loc["npv", "p5"] == s.loc["npv", "mean"] == s.loc["npv", "p95"]
