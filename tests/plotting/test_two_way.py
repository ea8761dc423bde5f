"""The two-way heat map."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

import mkba
from mkba import sensitivity
from mkba.errors import MkbaTypeError
from mkba.plotting._two_way import plot_two_way


def test_two_way_heat_map_shows_labels_the_grid_and_the_break_even_line() -> None:
    m = mkba.interventions.load("housing_first")
    a, b = [p.name for p in m.uncertain if not p.is_row][:2]
    res = sensitivity.two_way(m, a, b, n=7)
    fig, ax = plt.subplots()
    out = plot_two_way(res, ax=ax)
    assert out is ax
    assert ax.get_xlabel().startswith(m.parameter(b).label)
    assert ax.get_ylabel().startswith(m.parameter(a).label)
    mesh = ax.collections[0]
    assert mesh.get_array().size == 7 * 7
    base = [line for line in ax.lines if line.get_gid() == "base"]
    assert base and base[0].get_xdata()[0] == m.parameter(b).value
    plt.close(fig)


def test_the_result_plot_shortcut_draws_the_heat_map() -> None:
    m = mkba.interventions.load("wonen_bij_particulieren")
    a, b = [p.name for p in m.uncertain if not p.is_row][:2]
    ax = sensitivity.two_way(m, a, b, n=5).plot(lang="en")
    assert "Sensitivity to two parameters" in ax.get_title(loc="left")
    plt.close(ax.figure)


def test_plot_two_way_refuses_other_objects() -> None:
    with pytest.raises(MkbaTypeError, match="two_way"):
        plot_two_way(object())
