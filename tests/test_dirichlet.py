"""The Dirichlet distribution of a row of shares, and parameters that hold one."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from scipy import stats

from mkba import Parameter
from mkba.distributions import Dirichlet, from_dict
from mkba.errors import SpecificationError


def test_every_draw_is_a_row_of_shares_summing_to_one() -> None:
    rows = Dirichlet({"A": 0.3, "B": 2, "C": 50}).sample(10_000, rng=1)
    assert rows.shape == (10_000, 3)
    assert np.all(rows >= 0)
    np.testing.assert_allclose(rows.sum(axis=1), 1.0, rtol=0, atol=4e-16)


def test_each_share_has_its_beta_marginal() -> None:
    # share i ~ Beta(a_i, a0 - a_i): mean a_i / a0, var a_i (a0 - a_i) / (a0^2 (a0 + 1))
    d = Dirichlet({"A": 6, "B": 3, "C": 1})
    rows = d.sample(200_000, rng=2)
    for j, (name, a) in enumerate(d.alpha):
        assert rows[:, j].mean() == pytest.approx(d.mean[name], abs=2e-3)
        assert rows[:, j].std() == pytest.approx(d.sd[name], rel=0.02)
        assert stats.kstest(rows[:5000, j], stats.beta(a, 10 - a).cdf).pvalue > 1e-3
    # shares are negatively correlated: corr(A, B) = -sqrt(a_A a_B / ((a0 - a_A)(a0 - a_B)))
    corr = np.corrcoef(rows[:, 0], rows[:, 1])[0, 1]
    assert corr == pytest.approx(-np.sqrt(6 * 3 / (4 * 7)), abs=0.01)


def test_ppf_is_elementwise_over_draws() -> None:
    d = Dirichlet({"A": 1, "B": 2})
    u = np.random.default_rng(3).random((50, 2))
    np.testing.assert_array_equal(d.ppf(u)[10:20], d.ppf(u[10:20]))
    with pytest.raises(SpecificationError, match=r"shape \(draws, 2\)"):
        d.ppf(u[:, :1])


def test_tiny_concentrations_never_give_nan() -> None:
    rows = Dirichlet({"A": 1e-3, "B": 1e-3}).sample(1000, rng=4)
    assert np.all(np.isfinite(rows))
    np.testing.assert_allclose(rows.sum(axis=1), 1.0)


@pytest.mark.parametrize(
    ("alpha", "match"),
    [({"A": 1}, "at least two"), ({"A": 1, "B": 0}, "> 0"), ({"A": 1, "B": float("nan")}, "> 0"),
     ({"A": 1, "b c": 2}, "not a state name"), ([1, 2], "mapping")],
)
def test_bad_concentrations_are_refused(alpha, match) -> None:
    with pytest.raises(SpecificationError, match=match):
        Dirichlet(alpha)


def test_it_round_trips_through_plain_data_and_pickle() -> None:
    d = Dirichlet({"woning": 30, "straat": 10})
    assert from_dict(d.to_dict()) == d
    assert from_dict({"type": "dirichlet", "alpha": {"woning": 30, "straat": 10}}) == d
    assert pickle.loads(pickle.dumps(d)) == d
    assert str(d) == "Dirichlet({woning: 30, straat: 10})"
    with pytest.raises(SpecificationError, match="exactly one key 'alpha'"):
        from_dict({"type": "Dirichlet", "alpha": {"a": 1, "b": 1}, "beta": 2})


def test_a_parameter_with_a_dirichlet_is_a_row_whose_base_is_the_mean() -> None:
    p = Parameter(name="uit", dist=Dirichlet({"A": 3, "B": 1}))
    assert p.is_row and p.value == {"A": 0.75, "B": 0.25}
    assert p.columns == ["uit[A]", "uit[B]"] and p.column_values == [0.75, 0.25]
    assert Parameter(name="uit", dist=Dirichlet({"A": 3, "B": 1}),
                     value={"B": 0.5, "A": 0.5}).column_values == [0.5, 0.5]


@pytest.mark.parametrize(
    ("value", "match"),
    [({"A": 0.5}, "differ"), ({"A": 0.7, "B": 0.7}, "sum to"), ({"A": 1.5, "B": -0.5}, "0 to 1"),
     (0.5, "a value per target")],
)
def test_a_row_value_must_be_shares_of_its_targets(value, match) -> None:
    with pytest.raises(SpecificationError, match=match):
        Parameter(name="uit", dist=Dirichlet({"A": 3, "B": 1}), value=value)


def test_a_row_has_no_price_year_and_a_scalar_needs_a_value_or_a_dist() -> None:
    with pytest.raises(SpecificationError, match="no price year"):
        Parameter(name="uit", dist=Dirichlet({"A": 3, "B": 1}), price_year=2024)
    with pytest.raises(SpecificationError, match="give a value"):
        Parameter(name="x")
    from mkba.distributions import Beta

    assert Parameter(name="x", dist=Beta(2, 8)).value == pytest.approx(0.2)
