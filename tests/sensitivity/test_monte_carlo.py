from __future__ import annotations

import warnings
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pytest
from scipy import stats

from mkba import sensitivity
from mkba.errors import MkbaWarning, SpecificationError, UnknownNameError

from .models import homeless, linear


@pytest.fixture(scope="module")
def mc():
    return sensitivity.monte_carlo(homeless(), 6_000, rng=7)


def test_mean_and_variance_of_a_linear_model_match_the_analytic_values():
    # NPV = 3 x0 - 2 x1 + x2, x ~ U(-1, 1): mean 0, variance (9 + 4 + 1) / 3
    res = sensitivity.monte_carlo(linear(), 40_000, rng=1)
    se = np.sqrt(14 / 3 / 40_000)
    assert abs(res.npv.mean()) < 4 * se
    assert res.npv.var() == pytest.approx(14 / 3, rel=0.03)


def test_same_seed_gives_identical_draws_and_other_seeds_do_not():
    a = sensitivity.monte_carlo(homeless(), 5_000, rng=3)
    b = sensitivity.monte_carlo(homeless(), 5_000, rng=3)
    c = sensitivity.monte_carlo(homeless(), 5_000, rng=4)
    assert np.array_equal(a.npv, b.npv) and np.array_equal(a._draws, b._draws)
    assert not np.array_equal(a.npv, c.npv)
    assert a.seed == 3
    # a Generator is accepted and advanced (SPEC 7); the result records the entropy used
    g = sensitivity.monte_carlo(homeless(), 100, rng=np.random.default_rng(0))
    again = sensitivity.monte_carlo(homeless(), 100, rng=g.seed)
    assert np.array_equal(g.npv, again.npv)


def test_a_longer_run_extends_a_shorter_one_with_the_same_seed():
    short = sensitivity.monte_carlo(homeless(), 5_000, rng=3)
    long = sensitivity.monte_carlo(homeless(), 9_000, rng=3)
    assert np.array_equal(long.npv[:5_000], short.npv)


@pytest.mark.parametrize("sampler", ["random", "lhs", "sobol"])
def test_results_do_not_depend_on_chunk_size(sampler):
    a = sensitivity.monte_carlo(homeless(), 2**13, rng=5, sampler=sampler)
    b = sensitivity.monte_carlo(homeless(), 2**13, rng=5, sampler=sampler, chunk_size=777)
    assert np.array_equal(a.pv, b.pv)
    assert np.array_equal(a.stakeholder_net, b.stakeholder_net)


def test_results_do_not_depend_on_the_executor():
    serial = sensitivity.monte_carlo(
        homeless(), 10_000, rng=5, correlations={("prijs", "nachten"): 0.4}
    )
    with ProcessPoolExecutor(max_workers=2) as ex:
        par = sensitivity.monte_carlo(
            homeless(),
            10_000,
            rng=5,
            executor=ex,
            chunk_size=4096,
            correlations={("prijs", "nachten"): 0.4},
        )
    assert np.array_equal(serial.npv, par.npv)
    assert np.array_equal(serial._draws, par._draws)


def test_stratified_samplers_estimate_the_mean_closely():
    for sampler in ("lhs", "sobol"):
        res = sensitivity.monte_carlo(linear(), 4096, rng=3, sampler=sampler)
        assert abs(res.npv.mean()) < 0.005, sampler
        assert res.sampler == sampler


def test_sampler_and_argument_validation():
    with pytest.raises(SpecificationError, match="'random', 'lhs', 'sobol'"):
        sensitivity.monte_carlo(linear(), 10, rng=1, sampler="halton")
    with pytest.raises(SpecificationError, match="n_draws"):
        sensitivity.monte_carlo(linear(), 0, rng=1)
    with pytest.raises(SpecificationError, match="rng"):
        sensitivity.monte_carlo(linear(), 10, rng=-1)
    with pytest.raises(SpecificationError, match="keep"):
        sensitivity.monte_carlo(linear(), 10, rng=1, keep="years")
    with pytest.warns(MkbaWarning, match="power of 2"):
        sensitivity.monte_carlo(linear(), 1000, rng=1, sampler="sobol")


def test_rank_correlation_is_reached():
    res = sensitivity.monte_carlo(
        linear(), 20_000, rng=2, correlations={("x0", "x1"): 0.6, ("x1", "x2"): -0.3}
    )
    d = res.draws
    assert stats.spearmanr(d["x0"], d["x1"]).statistic == pytest.approx(0.6, abs=0.02)
    assert stats.spearmanr(d["x1"], d["x2"]).statistic == pytest.approx(-0.3, abs=0.02)
    # the marginals are unchanged: still uniform on (-1, 1)
    assert stats.kstest(d["x0"], stats.uniform(-1, 2).cdf).pvalue > 1e-3


def test_a_matrix_that_is_not_positive_definite_is_repaired_with_a_warning():
    bad = {("x0", "x1"): 0.9, ("x1", "x2"): 0.9, ("x0", "x2"): -0.9}
    with pytest.warns(MkbaWarning, match="not positive definite"):
        res = sensitivity.monte_carlo(linear(), 5_000, rng=2, correlations=bad)
    rho = stats.spearmanr(res._draws).statistic
    assert np.all(np.linalg.eigvalsh(rho) > 0)
    assert rho[0, 1] > 0.3 and rho[0, 2] < 0


def test_correlation_validation():
    with pytest.raises(UnknownNameError):
        sensitivity.monte_carlo(linear(), 10, rng=1, correlations={("x0", "y"): 0.5})
    with pytest.raises(SpecificationError, match="between -1 and 1"):
        sensitivity.monte_carlo(linear(), 10, rng=1, correlations={("x0", "x1"): 1.5})
    with pytest.raises(SpecificationError, match="no distribution"):
        sensitivity.monte_carlo(homeless(), 10, rng=1, correlations={("n", "prijs"): 0.5})


def test_fixed_parameters_stay_at_base(mc):
    assert list(mc.draws.columns) == ["kosten", "nachten", "prijs", "deadweight"]
    assert mc.draws.index.name == "draw"
    m = homeless()
    i = 17
    values = mc.draws.iloc[i].to_dict()
    assert mc.npv[i] == pytest.approx(m.evaluate(values).npv, rel=1e-12)


def test_summary_and_headline_arrays(mc):
    s = mc.summary()
    assert list(s.index) == ["npv", "pv_costs", "pv_benefits", "bcr", "roi"]
    assert list(s.columns) == ["mean", "sd", "p5", "p50", "p95"]
    assert s.loc["npv", "p50"] == np.median(mc.npv)
    assert s.loc["npv", "mean"] == pytest.approx(mc.npv.mean())
    assert np.allclose(mc.npv, mc.pv_benefits - mc.pv_costs)
    assert np.allclose(mc.bcr, mc.pv_benefits / mc.pv_costs)
    assert 0 < mc.prob_positive() < 1
    assert mc.prob_positive("bcr") == mc.prob_positive()


def test_per_stakeholder_probability_of_a_net_gain(mc):
    t = mc.by_stakeholder()
    assert list(t.columns) == ["mean", "sd", "p5", "p50", "p95", "prob_positive"]
    assert t.loc["Zorgverzekeraar", "prob_positive"] == 1.0  # only benefits
    assert t.loc["Deelnemer", "prob_positive"] == 0.0  # only pays a transfer
    g = mc.stakeholder_net[:, mc.stakeholders.index("Gemeente")]
    assert t.loc["Gemeente", "prob_positive"] == np.mean(g > 0)
    assert np.allclose(mc.stakeholder_net.sum(axis=1), mc.npv)


def test_to_frame_has_one_row_per_draw(mc):
    f = mc.to_frame()
    assert list(f.columns[:6]) == ["draw", "npv", "pv_costs", "pv_benefits", "bcr", "roi"]
    assert "net_Zorgverzekeraar" in f.columns
    assert len(f) == mc.n_draws == 6_000
    assert mc.lines_frame().shape == (6_000, 4)


def test_keep_metrics_drops_the_lines_but_not_the_results(mc):
    lean = sensitivity.monte_carlo(homeless(), 6_000, rng=7, keep="metrics")
    assert lean.pv is None
    assert np.array_equal(lean.npv, mc.npv)


def test_convergence_table_shrinks_the_standard_error():
    res = sensitivity.monte_carlo(linear(), 20_000, rng=1)
    c = res.convergence()
    assert list(c.columns) == ["n", "mean", "se", "prob_positive", "prob_positive_se", "converged"]
    assert c["n"].iloc[-1] == 20_000
    assert c["mean"].iloc[-1] == pytest.approx(res.npv.mean())
    assert c["se"].iloc[-1] == pytest.approx(res.npv.std(ddof=1) / np.sqrt(20_000))
    assert c["se"].iloc[-1] < c["se"].iloc[0]
    # mean near 0: converged once se <= 1% of the sd, i.e. from n = 10_000 on
    assert bool(c["converged"].iloc[-1]) and not bool(c["converged"].iloc[0])


def test_evpi_is_nonnegative_and_zero_when_the_npv_is_always_positive(mc):
    assert mc.evpi() >= 0
    x = mc.npv
    assert mc.evpi() == pytest.approx(np.mean(np.maximum(x, 0)) - max(x.mean(), 0))
    sure = sensitivity.monte_carlo(linear((1.0,), low=1.0, high=2.0), 1000, rng=1)
    assert sure.evpi() == 0.0


def test_progress_bar_runs(capsys):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = sensitivity.monte_carlo(linear(), 10_000, rng=1, progress=True)
    assert res.n_draws == 10_000


def test_repr_and_html(mc):
    assert "6,000 draws" in repr(mc)
    assert "<table" in mc._repr_html_()
    with pytest.raises(SpecificationError, match="npv_distribution"):
        mc.plot(kind="pie")
