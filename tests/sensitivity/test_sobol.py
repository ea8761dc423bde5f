from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from scipy.stats import sobol_indices

from mkba import sensitivity
from mkba.sensitivity.sobol import sobol_estimates

from .models import homeless, linear


def test_indices_of_a_linear_model_match_the_analytic_truth():
    # S1_i = ST_i = a_i^2 Var(x_i) / sum_j a_j^2 Var(x_j) = a_i^2 / 14
    res = sensitivity.sobol(linear(), n=2**12, rng=11)
    t = res.summary()
    for name, a in (("x0", 3), ("x1", -2), ("x2", 1)):
        assert t.loc[name, "S1"] == pytest.approx(a**2 / 14, abs=0.03)
        assert t.loc[name, "ST"] == pytest.approx(a**2 / 14, abs=0.03)
        assert t.loc[name, "S1_conf_low"] <= t.loc[name, "S1"] <= t.loc[name, "S1_conf_high"]
        assert t.loc[name, "ST_conf_low"] <= t.loc[name, "ST"] <= t.loc[name, "ST_conf_high"]
    assert list(res.to_frame().columns) == [
        "parameter",
        "label",
        "S1",
        "S1_conf_low",
        "S1_conf_high",
        "ST",
        "ST_conf_low",
        "ST_conf_high",
    ]
    assert res.n_runs == 2**12 * 5


def test_estimators_agree_with_scipy():
    rng = np.random.default_rng(0)
    f_A, f_B, f_AB = rng.normal(size=64), rng.normal(size=64), rng.normal(size=(3, 64))
    s1, st = sobol_estimates(f_A, f_B, f_AB)
    ref = sobol_indices(func={"f_A": f_A, "f_B": f_B, "f_AB": f_AB[:, None, :]}, n=64)
    assert np.allclose(s1, ref.first_order) and np.allclose(st, ref.total_order)


def test_interactions_make_total_exceed_first_order():
    # NPV = x0 * x1 (pure interaction): S1 ~ 0, ST ~ 1
    from mkba import Intervention, Model, Parameter, Stream
    from mkba.distributions import Uniform

    m = Model(
        name="m",
        start_year=2025,
        horizon=1,
        discount=0.0,
        parameters=[Parameter(name=f"x{i}", value=0.0, dist=Uniform(-1, 1)) for i in (0, 1)],
        project=Intervention(
            name="p",
            streams=[Stream(name="B", kind="benefit", stakeholder="Rijk", amount="x0 * x1")],
        ),
    )
    t = sensitivity.sobol(m, n=2**11, rng=1).summary()
    assert np.all(np.abs(t["S1"]) < 0.05) and np.all(t["ST"] > 0.9)


def test_reproducible_and_independent_of_the_executor():
    a = sensitivity.sobol(homeless(), n=1024, rng=2, n_resamples=50).to_frame()
    with ThreadPoolExecutor(2) as ex:
        b = sensitivity.sobol(
            homeless(), n=1024, rng=2, n_resamples=50, executor=ex, chunk_size=100
        ).to_frame()
    assert a.equals(b)
    assert set(a["parameter"]) == {p.name for p in homeless().uncertain}
