"""keep="summary": aggregates only, checked against numpy on the kept per-draw arrays."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pandas as pd
import pytest

from mkba import sensitivity
from mkba.errors import MkbaError, SpecificationError

from .models import homeless

N = 50_000


@pytest.fixture(scope="module")
def runs() -> tuple[sensitivity.MonteCarloResult, sensitivity.MonteCarloSummary]:
    m = homeless()
    full = sensitivity.monte_carlo(m, N, rng=3, keep="lines")
    summ = sensitivity.monte_carlo(m, N, rng=3, keep="summary")
    return full, summ


def close(a: float, b: float, scale: float) -> bool:
    # 1e-10 relative; a constant quantity's sd is 0 exactly here but numpy's is ~1e-16 × mean
    return abs(a - b) <= 1e-10 * max(abs(b), abs(scale))


def check_rows(numpy_values: np.ndarray, row: pd.Series, width: float) -> None:
    assert close(row["mean"], float(np.mean(numpy_values)), row["mean"])
    assert close(row["sd"], float(np.std(numpy_values, ddof=1)), row["mean"])
    p5, p50, p95 = np.percentile(numpy_values, [5, 50, 95])
    tol = width * (1 + 1e-9) + 1e-9 * abs(row["mean"])
    assert abs(row["p5"] - p5) <= tol
    assert abs(row["p50"] - p50) <= tol
    assert abs(row["p95"] - p95) <= tol


def test_summary_mode_matches_numpy_on_the_kept_draws(runs) -> None:
    full, summ = runs
    assert isinstance(summ, sensitivity.MonteCarloSummary)
    table = summ.summary()
    assert list(table.index) == list(full.summary().index)
    assert list(table.columns) == list(full.summary().columns)
    width = summ.quantile_accuracy()["bin_width"]
    for metric in table.index:
        check_rows(full._metric(metric), table.loc[metric], width[metric])


def test_summary_mode_probabilities_and_evpi_equal_the_full_run(runs) -> None:
    full, summ = runs
    for metric in ("npv", "bcr", "roi"):
        assert summ.prob_positive(metric) == full.prob_positive(metric)
    assert close(summ.evpi(), full.evpi(), full.evpi())


def test_summary_mode_by_stakeholder_matches_numpy(runs) -> None:
    full, summ = runs
    table = summ.by_stakeholder()
    assert list(table.columns) == list(full.by_stakeholder().columns)
    assert list(table.index) == full.stakeholders
    width = summ.quantile_accuracy()["bin_width"]
    for j, s in enumerate(full.stakeholders):
        x = full.stakeholder_net[:, j]
        check_rows(x, table.loc[s], width[f"net_{s}"])
        assert table.loc[s, "prob_positive"] == float(np.mean(x > 0))


def test_summary_mode_is_bit_identical_on_an_executor(runs) -> None:
    _, summ = runs
    with ProcessPoolExecutor(2) as ex:
        par = sensitivity.monte_carlo(homeless(), N, rng=3, keep="summary", executor=ex)
    pd.testing.assert_frame_equal(par.summary(), summ.summary(), check_exact=True)
    pd.testing.assert_frame_equal(par.by_stakeholder(), summ.by_stakeholder(), check_exact=True)
    assert par.evpi() == summ.evpi()


def test_summary_mode_means_agree_across_chunk_sizes_to_1e_12(runs) -> None:
    _, summ = runs
    other = sensitivity.monte_carlo(homeless(), N, rng=3, keep="summary", chunk_size=5000)
    a, b = other.summary(), summ.summary()
    for col in ("mean", "sd"):
        np.testing.assert_allclose(a[col], b[col], rtol=1e-12)


def test_summary_mode_keeps_no_per_draw_values(runs) -> None:
    _, summ = runs
    for name in ("npv", "draws", "pv"):
        with pytest.raises(MkbaError, match=r"keep='summary'.*keep='lines'"):
            getattr(summ, name)


def test_summary_mode_result_records_what_produced_it(runs) -> None:
    _, summ = runs
    assert (summ.n_draws, summ.seed, summ.sampler, summ.model_name) == (N, 3, "random", "voorbeeld")
    assert list(summ.to_frame().columns) == ["metric", "mean", "sd", "p5", "p50", "p95"]
    assert "Monte Carlo summary" in summ._repr_html_()


def test_invalid_keep_lists_summary() -> None:
    with pytest.raises(SpecificationError, match="'summary'"):
        sensitivity.monte_carlo(homeless(), 10, rng=1, keep="all")


def test_evpi_function_takes_a_summary(runs) -> None:
    _, summ = runs
    assert sensitivity.evpi(summ) == summ.evpi()


def test_the_bins_span_the_range_with_zero_an_edge() -> None:
    from mkba.sensitivity._summary import BINS, bin_index, grid

    lo = np.array([-3.7, 2.0, -5.0, 1.0])
    hi = np.array([12.1, 9.0, -1.0, 1.0])
    start, width, zero = grid(lo, hi)
    assert np.all(start <= lo) and np.all(start + BINS * width >= hi)
    # both signs: bin `zero` starts at exactly 0 (width (hi − lo) / (BINS − 1))
    assert zero[0] > 0 and -zero[0] * width[0] == start[0]
    assert width[0] == (hi[0] - lo[0]) / (BINS - 1)
    assert bin_index(np.array([-1e-300, 0.0, 1e-300]), start[0], width[0], zero[0]).tolist() == [
        zero[0] - 1, zero[0], zero[0]]
    # one sign: plain bins from min to max; no variation: width 0
    assert (zero[1], zero[2]) == (-1, -1) and width[1] == 7.0 / BINS and width[3] == 0.0


def test_both_keep_modes_give_the_same_histogram(runs) -> None:
    full, summ = runs
    for metric in ("npv", "bcr", f"net_{full.stakeholders[0]}"):
        pd.testing.assert_frame_equal(summ.histogram(metric), full.histogram(metric))
    hist = summ.histogram(bins=20)
    assert 15 <= len(hist) <= 21 and hist["count"].sum() == N
    np.testing.assert_allclose(hist["share"].sum(), 1.0)
