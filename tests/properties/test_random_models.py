"""The engine against the oracle on random models of the whole formula language, on both
engine paths: models whose streams all factor (parameter part × time part, the fast
path) and models with streams that do not (the general path)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkba import Model
from mkba.engine import compile_model
from mkba.sensitivity import monte_carlo
from tests import oracle
from tests.properties.test_cohort_properties import RTOL, assert_lines_match, base_columns
from tests.strategies import models

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _all_factor(m: Model) -> bool:
    return all(term.param_part is not None for term in compile_model(m).terms)


@SETTINGS
@given(st.booleans().flatmap(lambda f: st.tuples(st.just(f), models(factorable=f))))
def test_the_base_case_matches_the_oracle(case: tuple[bool, Model]) -> None:
    factorable, m = case
    if factorable:
        assert _all_factor(m), "the factorable strategy drew a stream that does not factor"
    r = m.evaluate()
    values: dict[str, Any] = dict(m.values)
    frame = r.to_frame()
    assert_lines_match(m, values, dict(zip(frame["stream"], frame["pv"], strict=True)))
    scale = max(1.0, sum(oracle.line_scale(m, values).values()))
    assert r.npv == pytest.approx(oracle.npv(m, values), rel=RTOL, abs=RTOL * scale)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.booleans().flatmap(lambda f: st.tuples(st.just(f), models(factorable=f))),
       st.integers(0, 2**32 - 1))
def test_monte_carlo_matches_the_oracle_draw_by_draw(case: tuple[bool, Model], seed: int) -> None:
    _, m = case
    n = 64
    mc = monte_carlo(m, n, rng=seed, keep="lines")
    assert mc.pv is not None
    columns, rows = list(mc.draws.columns), mc.draws.to_numpy()
    base = base_columns(m)
    for i in range(n):
        values: dict[str, Any] = {**base, **dict(zip(columns, rows[i].tolist(), strict=True))}
        assert_lines_match(m, values, dict(zip(mc.lines, mc.pv[i], strict=True)))
    npv = np.array([oracle.npv(m, {**base, **dict(zip(columns, rows[i].tolist(), strict=True))})
                    for i in range(n)])
    np.testing.assert_allclose(mc.npv, npv, rtol=1e-9, atol=1e-9 * max(1.0, float(
        np.max(np.abs(npv)))))


def test_both_paths_are_drawn() -> None:
    """The strategy reaches the general path too (a guard against a strategy that only
    ever draws factorable streams)."""
    seen: set[bool] = set()

    @settings(max_examples=60, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(models(factorable=False))
    def collect(m: Model) -> None:
        seen.add(_all_factor(m))

    collect()
    assert seen == {True, False}
