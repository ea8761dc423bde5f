"""The value of further research: EVPPI and EVSI by regression, checked against
closed forms for normal models and against nested (two-level) Monte Carlo."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from scipy.stats import norm

from mkba import Intervention, Model, Parameter, Stream, sensitivity
from mkba.distributions import Beta, Dirichlet, Normal, Triangular, Uniform
from mkba.engine import compile_model
from mkba.errors import MkbaError, SpecificationError, UnknownNameError
from mkba.sensitivity.evppi import evppi_from_arrays


def expected_max0(mu: float, sigma: float) -> float:
    """E[max(Z, 0)] for Z ~ N(mu, sigma²): sigma φ(mu/sigma) + mu Φ(mu/sigma)."""
    return sigma * norm.pdf(mu / sigma) + mu * norm.cdf(mu / sigma)


def one_year(name: str, params: list[Parameter], streams: list[Stream]) -> Model:
    return Model(name=name, start_year=2025, horizon=1, discount=0.0, parameters=params,
                 project=Intervention(name="P", streams=streams))


def normal_model() -> Model:
    """NPV = 1000 x + 500 y − 200 (x, y ~ N(0, 1)); the Gemeente gets 1000 x, the Rijk
    500 y − 200; z ~ U(0, 1) enters nothing."""
    return one_year("Normaal", [
        Parameter(name="x", value=0.0, dist=Normal(0, 1)),
        Parameter(name="y", value=0.0, dist=Normal(0, 1)),
        Parameter(name="z", value=0.5, dist=Uniform(0, 1)),
    ], [
        Stream(name="X", kind="benefit", stakeholder="Gemeente", amount="1000 * x"),
        Stream(name="Y", kind="benefit", stakeholder="Rijk", amount="500 * y"),
        Stream(name="C", kind="cost", stakeholder="Rijk", amount="200 + 0 * z"),
    ])


@pytest.fixture(scope="module")
def normal_mc():
    return sensitivity.monte_carlo(normal_model(), 40_000, rng=11)


def test_evppi_of_one_normal_parameter_matches_the_closed_form(normal_mc):
    # E[NPV | x] = 1000 x − 200 ~ N(−200, 1000²); EVPPI = E[max(·, 0)] − max(−200, 0)
    value, se = sensitivity.evppi(normal_mc, "x", return_se=True)
    truth = expected_max0(-200, 1000)
    assert abs(value - truth) < max(4 * se, 0.03 * truth), (value, se, truth)
    assert 0 < se < 0.05 * truth


def test_evppi_of_a_group_adds_the_variances(normal_mc):
    # E[NPV | x, y] = NPV ~ N(−200, 1000² + 500²): the group's EVPPI is the EVPI
    truth = expected_max0(-200, math.hypot(1000, 500))
    value = sensitivity.evppi(normal_mc, ["x", "y"])
    assert value == pytest.approx(truth, rel=0.03)
    assert value == pytest.approx(normal_mc.evpi(), rel=0.01)


def test_a_parameter_that_does_not_matter_is_worth_nothing(normal_mc):
    value, se = sensitivity.evppi(normal_mc, "z", return_se=True)
    assert value < 0.01 * normal_mc.evpi()
    assert value < 4 * se + 1.0


def test_evppi_never_exceeds_the_evpi_beyond_noise(normal_mc):
    evpi = normal_mc.evpi()
    for group in (["x"], ["y"], ["z"], ["x", "z"], ["y", "z"]):
        assert sensitivity.evppi(normal_mc, group) <= evpi * 1.02


def test_evppi_per_stakeholder_takes_the_stakeholders_own_decision(normal_mc):
    # the Gemeente's net is 1000 x: E[max(1000 x, 0)] − 0 = 1000 φ(0); y does not move it
    assert sensitivity.evppi(normal_mc, "x", stakeholder="Gemeente") == pytest.approx(
        1000 * norm.pdf(0), rel=0.03)
    assert sensitivity.evppi(normal_mc, "y", stakeholder="Gemeente") < 5.0
    # the Rijk's net is 500 y − 200
    assert sensitivity.evppi(normal_mc, "y", stakeholder="Rijk") == pytest.approx(
        expected_max0(-200, 500), rel=0.06)


def test_an_unknown_stakeholder_is_refused_with_a_suggestion(normal_mc):
    with pytest.raises(UnknownNameError, match="Gemeente"):
        sensitivity.evppi(normal_mc, "x", stakeholder="Gemeent")


def test_unknown_and_fixed_parameters_are_refused(normal_mc):
    with pytest.raises(UnknownNameError, match="Did you mean 'x'"):
        sensitivity.evppi(normal_mc, "xx")
    m = one_year("Vast", [Parameter(name="n", value=3.0),
                          Parameter(name="x", value=0.0, dist=Normal(0, 1))],
                 [Stream(name="B", kind="benefit", stakeholder="G", amount="n * x")])
    mc = sensitivity.monte_carlo(m, 500, rng=1)
    with pytest.raises(SpecificationError, match="no distribution"):
        sensitivity.evppi(mc, "n")


def test_a_summary_run_says_to_keep_the_draws():
    mc = sensitivity.monte_carlo(normal_model(), 2000, rng=1, keep="summary")
    with pytest.raises(MkbaError, match="keep='lines' or keep='metrics'"):
        sensitivity.evppi(mc, "x")


def test_a_metrics_run_is_enough():
    mc = sensitivity.monte_carlo(normal_model(), 5000, rng=2, keep="metrics")
    assert sensitivity.evppi(mc, "x") == pytest.approx(expected_max0(-200, 1000), rel=0.08)


def test_too_few_draws_are_refused():
    mc = sensitivity.monte_carlo(normal_model(), 50, rng=2)
    with pytest.raises(SpecificationError, match="too few"):
        sensitivity.evppi(mc, "x")


def test_correlated_parameters_carry_each_others_value():
    # NPV = 1000 y − 200; x tells about y through a Gaussian copula. Spearman ρs = 0.6 is
    # Pearson r = 2 sin(π ρs / 6) between the normals, so E[NPV | x] = 1000 r x − 200
    m = one_year("Gecorreleerd", [Parameter(name="x", value=0.0, dist=Normal(0, 1)),
                                  Parameter(name="y", value=0.0, dist=Normal(0, 1))],
                 [Stream(name="Y", kind="benefit", stakeholder="G", amount="1000 * y + 0 * x"),
                  Stream(name="C", kind="cost", stakeholder="G", amount="200")])
    mc = sensitivity.monte_carlo(m, 40_000, rng=3, correlations={("x", "y"): 0.6})
    r = 2 * math.sin(math.pi * 0.6 / 6)
    assert sensitivity.evppi(mc, "x") == pytest.approx(expected_max0(-200, 1000 * r), rel=0.06)


# -- nested Monte Carlo ------------------------------------------------------------------------


def nonlinear_model() -> Model:
    """No closed form: NPV = 1000 (exp(x) y − z (1 + x) − 0.6) with x ~ N(0, 0.4),
    y ~ Triangular(0.2, 0.8, 1.4), z ~ Beta."""
    return one_year("Niet-lineair", [
        Parameter(name="x", value=0.0, dist=Normal(0, 0.4)),
        Parameter(name="y", value=0.8, dist=Triangular(0.2, 0.8, 1.4)),
        Parameter(name="z", dist=Beta.from_mean_sd(0.3, 0.1)),
    ], [
        Stream(name="B", kind="benefit", stakeholder="G", amount="1000 * exp(x) * y"),
        Stream(name="C", kind="cost", stakeholder="G", amount="1000 * (z * (1 + x) + 0.6)"),
    ])


def nested_evppi(model: Model, fixed: list[str], outer: int, inner: int, seed: int):
    """Two-level Monte Carlo (Brennan et al. 2007): draw the parameters of interest in
    an outer loop, the others in an inner loop, and average max(E[NPV | outer], 0).
    Returns the estimate and the standard error of its outer mean."""
    cm = compile_model(model)
    gen = np.random.default_rng(seed)
    dists = {p.name: p.dist for p in model.uncertain}
    kinds = np.array([1.0 if k == "benefit" else -1.0 for k in cm.kinds])
    X = np.repeat(cm.base[None, :], inner, axis=0)
    means = np.empty(outer)
    for i in range(outer):
        for name, d in dists.items():
            j = cm.names.index(name)
            X[:, j] = d.ppf(gen.random()) if name in fixed else d.ppf(gen.random(inner))
        means[i] = float((cm.pv(X) @ kinds).mean())
    total = (cm.pv(np.column_stack([
        dists[n].ppf(gen.random(200_000)) if n in dists else np.full(200_000, cm.base[k])
        for k, n in enumerate(cm.names)
    ])) @ kinds).mean()
    gain = np.maximum(means, 0.0)
    return float(gain.mean() - max(total, 0.0)), float(gain.std(ddof=1) / math.sqrt(outer))


@pytest.mark.parametrize("group", [["x"], ["y"], ["x", "z"]])
def test_evppi_agrees_with_nested_monte_carlo(group):
    model = nonlinear_model()
    mc = sensitivity.monte_carlo(model, 60_000, rng=5)
    value, se = sensitivity.evppi(mc, group, return_se=True, rng=1)
    nested, nested_se = nested_evppi(model, group, outer=600, inner=3000, seed=9)
    # the inner mean of 3,000 draws adds a small upward bias to the nested estimate
    assert abs(value - nested) < 4 * math.hypot(se, nested_se) + 2.0, (value, se, nested)


def test_the_standard_error_matches_the_spread_over_seeds():
    model = normal_model()
    values, ses = [], []
    for seed in range(12):
        mc = sensitivity.monte_carlo(model, 4000, rng=100 + seed)
        v, s = sensitivity.evppi(mc, "y", return_se=True, rng=seed)
        values.append(v)
        ses.append(s)
    spread = float(np.std(values, ddof=1))
    assert 0.4 < spread / float(np.mean(ses)) < 2.5, (spread, np.mean(ses))


# -- rows of shares and tables ---------------------------------------------------------------


def row_model() -> Model:
    return one_year("Rij", [
        Parameter(name="uit", dist=Dirichlet({"a": 6, "b": 3, "c": 1})),
        Parameter(name="p", value=50.0, dist=Uniform(0, 100)),
    ], [
        Stream(name="A", kind="benefit", stakeholder="G", amount="1000 * share(uit, a)"),
        Stream(name="C", kind="cost", stakeholder="R", amount="550 + 0 * p"),
    ])


def test_a_row_of_shares_is_one_parameter():
    mc = sensitivity.monte_carlo(row_model(), 20_000, rng=4)
    # NPV = 1000 a − 550 depends on the row only: its EVPPI is the EVPI
    assert sensitivity.evppi(mc, "uit") == pytest.approx(mc.evpi(), rel=0.03)
    assert sensitivity.evppi(mc, "uit[a]") == pytest.approx(mc.evpi(), rel=0.03)
    assert sensitivity.evppi(mc, "p") < 0.02 * mc.evpi()
    table = mc.evppi_table()
    assert list(table.index) == ["uit", "p"]  # sorted, largest first; the row as one


def test_the_table_has_a_column_per_stakeholder_and_matches_single_calls(normal_mc):
    table = normal_mc.evppi_table(groups={"x en y": ["x", "y"]})
    assert table.index.name == "parameter"
    assert set(table.index) == {"x", "y", "z", "x en y"}
    assert list(table.columns) == ["society", "Gemeente", "Rijk"]
    assert table.loc["x", "society"] == pytest.approx(sensitivity.evppi(normal_mc, "x"))
    assert table.loc["y", "Rijk"] == pytest.approx(
        sensitivity.evppi(normal_mc, "y", stakeholder="Rijk"))
    assert table["society"].is_monotonic_decreasing
    assert (table.to_numpy() >= 0).all()


def test_a_group_may_not_take_a_parameters_name(normal_mc):
    with pytest.raises(SpecificationError, match="group name 'x'"):
        normal_mc.evppi_table(groups={"x": ["x", "y"]})


def test_result_methods_delegate(normal_mc):
    assert normal_mc.evppi(["x"]) == pytest.approx(sensitivity.evppi(normal_mc, ["x"]))


def test_a_large_group_falls_back_to_an_additive_fit_with_a_warning():
    params = [Parameter(name=f"p{i}", value=0.0, dist=Normal(0, 1)) for i in range(14)]
    m = one_year("Groot", params, [
        Stream(name="B", kind="benefit", stakeholder="G",
               amount=" + ".join(f"{10 * (i + 1)} * p{i}" for i in range(14)))])
    mc = sensitivity.monte_carlo(m, 5000, rng=6)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = sensitivity.evppi(mc, [p.name for p in params])
    assert any("sum of one smooth per parameter" in str(w.message) for w in caught)
    # additive is exact here (the NPV is a sum), so the group's EVPPI is the EVPI
    assert value == pytest.approx(mc.evpi(), rel=0.02)


# -- decisions among several options -------------------------------------------------------------


def test_evppi_of_a_choice_among_options():
    rng = np.random.default_rng(7)
    x, y = rng.normal(size=(2, 40_000))
    nb = np.column_stack([1000 * x, 1000 * y])
    # knowing x: choose option 1 when 1000 x > E[1000 y] = 0, so E[max(1000 x, 0)] = 1000 φ(0)
    assert evppi_from_arrays(x, nb) == pytest.approx(1000 * norm.pdf(0), rel=0.03)
    # knowing both: E[max(1000 x, 1000 y)] = 1000 / sqrt(π)
    assert evppi_from_arrays(np.column_stack([x, y]), nb) == pytest.approx(
        1000 / math.sqrt(math.pi), rel=0.03)


def test_evppi_from_arrays_checks_its_input():
    with pytest.raises(Exception, match="do not match"):
        evppi_from_arrays(np.zeros(300), np.zeros(299))
    with pytest.raises(SpecificationError, match="finite"):
        evppi_from_arrays(np.r_[np.zeros(299), np.nan], np.zeros(300))


# -- EVSI ------------------------------------------------------------------------------------------


def test_evsi_of_a_normal_study_matches_the_closed_form(normal_mc):
    # x ~ N(0, 1); a study of n observations with sd 2 gives a mean X̄ ~ N(x, 4 / n). The
    # posterior mean of x is X̄ / (1 + 4 / n), whose spread over studies is
    # τ = sqrt(1 / (1 + 4 / n)); EVSI = E[max(1000 τ Z − 200, 0)]
    n = 10
    tau = math.sqrt(1 / (1 + 4 / n))
    value = sensitivity.evsi(normal_mc, "x", sample_size=n, sd=2.0, rng=1)
    assert value == pytest.approx(expected_max0(-200, 1000 * tau), rel=0.04)


def test_evsi_grows_with_the_study_towards_the_evppi(normal_mc):
    small = sensitivity.evsi(normal_mc, "x", sample_size=2, sd=2.0, rng=1)
    large = sensitivity.evsi(normal_mc, "x", sample_size=2000, sd=2.0, rng=1)
    evppi = sensitivity.evppi(normal_mc, "x")
    assert small < large <= evppi * 1.02
    assert large == pytest.approx(evppi, rel=0.03)


def test_evsi_of_a_proportion_needs_values_in_zero_one(normal_mc):
    with pytest.raises(SpecificationError, match="probability"):
        sensitivity.evsi(normal_mc, "x", sample_size=10, likelihood="binomial")
    with pytest.raises(SpecificationError, match="needs sd"):
        sensitivity.evsi(normal_mc, "x", sample_size=10)
    m = one_year("Kans", [Parameter(name="p", dist=Beta.from_mean_sd(0.4, 0.15))],
                 [Stream(name="B", kind="benefit", stakeholder="G", amount="1000 * p - 400")])
    mc = sensitivity.monte_carlo(m, 20_000, rng=2)
    value = sensitivity.evsi(mc, "p", sample_size=50, likelihood="binomial", rng=3)
    assert 0 < value < sensitivity.evppi(mc, "p")


def test_the_spline_basis_matches_scipy():
    from scipy.interpolate import BSpline

    from mkba.sensitivity._regression import _basis, _knots

    x = np.random.default_rng(8).gamma(2.0, size=3000)
    x = (x - x.min()) / (x.max() - x.min())  # ends at exactly 0 and 1, skewed inside
    t = _knots(x, 24)
    ours = _basis(x, t)
    np.testing.assert_allclose(ours, BSpline.design_matrix(x, t, 3).toarray(), atol=1e-14)
    np.testing.assert_allclose(ours.sum(axis=1), 1.0)
