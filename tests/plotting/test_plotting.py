"""Charts: drawn on the Agg backend; assertions on the returned Axes, never on pixels."""

from __future__ import annotations

import itertools
import subprocess
import sys

import matplotlib
import numpy as np
import pandas as pd
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt

import mkba
from mkba import plotting, sensitivity
from mkba.errors import MkbaTypeError
from tests.plotting.models import small_model


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def model():
    return small_model()


@pytest.fixture(scope="module")
def result(model):
    return model.evaluate()


@pytest.fixture(scope="module")
def mc(model):
    return sensitivity.monte_carlo(model, n_draws=500, rng=1)


def texts(ax) -> str:
    """Every piece of text on the axes: ticks, labels, title, annotations, legend."""
    parts = [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
    parts += [t.get_text() for t in ax.texts]
    parts += [ax.get_xlabel(), ax.get_ylabel(), ax.get_title(loc="left")]
    legend = ax.get_legend()
    if legend is not None:
        parts += [t.get_text() for t in legend.get_texts()]
    return " | ".join(parts)


def draw(ax) -> None:
    ax.figure.canvas.draw()  # tick labels are only made when drawn


# -- cash flows -----------------------------------------------------------------------


def test_cashflows_draw_costs_below_zero_and_benefits_above(result):
    _fig, ax = plt.subplots()
    assert plotting.plot_cashflows(result, ax=ax) is ax
    # three categories (Begeleiding, Opvang, Zorg) × four years; the transfer is left out
    bars = [p for p in ax.patches if p.get_height() != 0]
    assert len(ax.patches) == 3 * 4
    heights = sorted({round(p.get_height()) for p in bars})
    assert heights[0] == -250_000  # the cost, below zero
    assert {150_000, 300_000, 20_000} <= set(heights)


def test_cashflows_mark_the_payback_year(result):
    ax = plotting.plot_cashflows(result)
    assert result.payback == 2027
    lines = [ln for ln in ax.lines if ln.get_gid() == "payback"]
    assert len(lines) == 1
    assert list(lines[0].get_xdata()) == [2027, 2027]
    assert "Terugverdiend in 2027" in texts(ax)


def test_cashflows_say_when_there_is_no_payback():
    r = small_model(cost=400_000).evaluate()
    assert r.payback is None
    ax = plotting.plot_cashflows(r, lang="en")
    assert not [ln for ln in ax.lines if ln.get_gid() == "payback"]
    assert "Not paid back by 2028" in texts(ax)


def test_cashflows_line_is_the_cumulative_discounted_net(result):
    ax = plotting.plot_cashflows(result)
    line = next(ln for ln in ax.lines if ln.get_label() == "Cumulatief contant saldo")
    np.testing.assert_allclose(line.get_ydata(), np.cumsum(result.net_flows(discounted=True)))
    # -80000, then + 70000 / 1.03
    assert line.get_ydata()[1] == pytest.approx(-80_000 + 70_000 / 1.03)


def test_cashflows_label_axes_with_unit_and_price_year(result):
    ax = plotting.plot_cashflows(result)
    assert ax.get_ylabel() == "Bedrag per jaar (€, prijspeil 2025)"
    ax = plotting.plot_cashflows(result, lang="en")
    assert ax.get_ylabel() == "Amount per year (€, 2025 prices)"
    assert ax.get_xlabel() == "Year"


def test_cashflow_tick_labels_are_euros_the_dutch_way(result):
    _fig, ax = plt.subplots()
    plotting.plot_cashflows(result, ax=ax)
    draw(ax)
    ticks = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert "€ 0" in ticks
    assert all(t.startswith("€ ") for t in ticks), ticks
    assert any("." in t or "mln" in t for t in ticks if t != "€ 0"), ticks


def test_cashflows_show_an_avoided_cost_as_a_benefit():
    from mkba import Intervention, Stream

    base = small_model()
    reference = Intervention(name="nul", streams=[
        Stream(name="Begeleiding", kind="cost", stakeholder="Gemeente", amount="300000",
               category="Begeleiding")])
    r = base.replace(reference=reference).evaluate()
    frame = plotting.cashflow_frame(r)
    row = frame[frame["category"] == "Begeleiding"].iloc[0]
    assert (row["side"], row["note"]) == ("benefit", "avoided")
    ax = plotting.plot_cashflows(r)
    assert "Baten: Begeleiding (vermeden kosten)" in texts(ax)


def test_cashflow_frame_is_the_data_of_the_bars(result):
    frame = plotting.cashflow_frame(result)
    assert list(frame.columns) == ["side", "category", "note", "year", "amount"]
    assert frame.loc[frame["side"] == "cost", "amount"].lt(0).all()
    net = frame.groupby("year")["amount"].sum().to_numpy()
    np.testing.assert_allclose(net, result.net_flows())
    cum = plotting.cumulative_frame(result)
    assert cum.index.name == "year"
    assert cum["cumulative_discounted_net"].iloc[-1] == pytest.approx(result.npv)


# -- stakeholders ---------------------------------------------------------------------


def test_stakeholders_show_each_net_and_the_transfers(result):
    _fig, ax = plt.subplots()
    assert plotting.plot_stakeholders(result, ax=ax) is ax
    shown = texts(ax)
    for name in ("Gemeente", "Zorgverzekeraar", "Gastgezin", "Deelnemer"):
        assert name in shown
    assert "Ontvangen overdrachten" in shown and "Betaalde overdrachten" in shown
    assert "Saldo: € 643.000" in shown and "Saldo: € −643.000" in shown
    hatched = [p for p in ax.patches if p.get_hatch()]
    assert len(hatched) == 2 * 4  # transfers in and out, one bar per stakeholder each
    net = ax.collections[0].get_offsets()[:, 0]
    np.testing.assert_allclose(sorted(net), sorted(result.by_stakeholder()["net"]))
    assert ax.get_xlabel() == "Contante waarde (€, prijspeil 2025)"


def test_stakeholder_frame_is_sorted_by_net(result):
    frame = plotting.stakeholder_frame(result)
    assert frame["net"].is_monotonic_decreasing
    assert frame["net"].sum() == pytest.approx(result.npv)


# -- tornado --------------------------------------------------------------------------


def test_tornado_uses_labels_and_units_never_identifiers(model):
    ow = sensitivity.one_way(model)
    _fig, ax = plt.subplots()
    assert plotting.plot_tornado(ow, ax=ax) is ax
    shown = texts(ax)
    assert "Prijs per nacht (EUR/nacht)" in shown
    assert "Aantal deelnemers (personen)" in shown
    assert "prijs_nacht" not in shown and "n_dln" not in shown


def test_tornado_bars_start_at_the_base_line_and_show_the_values(model):
    ow = sensitivity.one_way(model)
    ax = plotting.plot_tornado(ow)
    base = [ln for ln in ax.lines if ln.get_gid() == "base"]
    assert base and base[0].get_xdata()[0] == pytest.approx(ow.base)
    assert len(ax.patches) == 2 * 2  # two uncertain parameters, a low and a high bar each
    for patch in ax.patches:
        assert patch.get_x() == pytest.approx(ow.base)
    frame = ow.to_frame()
    shown = texts(ax)
    for value in (*frame["low"], *frame["high"]):
        assert mkba.formatting.format_value(value, "nl") in shown
    assert "Basis: €" in shown
    # widest swing at the top
    labels = [t.get_text() for t in ax.get_yticklabels()]
    widest = frame.sort_values("swing").iloc[-1]["label"]
    assert labels[-1].startswith(widest) or labels[0].startswith(widest)


def test_tornado_takes_a_frame_with_a_base(model):
    frame = sensitivity.one_way(model).to_frame()
    ax = plotting.plot_tornado(frame, base=1.0, lang="en", max_bars=1)
    assert len(ax.get_yticks()) == 1
    assert "Low value" in texts(ax)
    with pytest.raises(MkbaTypeError):
        plotting.plot_tornado(frame)  # no base


def many_long_parameters(n: int = 15) -> pd.DataFrame:
    """A one-way frame of ``n`` parameters whose label and unit run to 60-70 characters."""
    return pd.DataFrame({
        "parameter": [f"p{i}" for i in range(n)],
        "label": [f"Vermeden politiecontacten per jaar zonder interventie {i}" for i in range(n)],
        "unit": ["contacten/persoon/jaar"] * n,
        "low": [1.0] * n,
        "high": [2.0] * n,
        "npv_low": [-1_000_000.0 + 50_000 * i for i in range(n)],
        "npv_high": [1_500_000.0 - 60_000 * i for i in range(n)],
    })


def tick_label_boxes(ax):
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    return [t.get_window_extent(renderer) for t in ax.get_yticklabels() if t.get_text()]


@pytest.mark.parametrize("n", [10, 15])
def test_tornado_labels_of_many_parameters_do_not_overlap_on_the_callers_axes(n):
    fig, ax = plt.subplots()  # matplotlib's default figure size
    size = tuple(fig.get_size_inches())
    plotting.plot_tornado(many_long_parameters(n), base=0.0, ax=ax)
    assert tuple(fig.get_size_inches()) == size  # the caller's figure is never resized
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert all(label.count("\n") <= 1 for label in labels), labels  # two lines at most
    boxes = tick_label_boxes(ax)
    assert len(boxes) == n
    for upper, lower in itertools.pairwise(boxes):
        assert not upper.overlaps(lower)


def test_tornado_labels_of_many_parameters_do_not_overlap_on_its_own_figure():
    ax = plotting.plot_tornado(many_long_parameters(15), base=0.0)
    boxes = tick_label_boxes(ax)
    assert len(boxes) == 15
    for upper, lower in itertools.pairwise(boxes):
        assert not upper.overlaps(lower)
    # the figure it makes has room for two-line labels at the usual font size
    from matplotlib.font_manager import FontProperties

    usual = FontProperties(size=matplotlib.rcParams["ytick.labelsize"]).get_size_in_points()
    assert ax.get_yticklabels()[0].get_fontsize() == pytest.approx(usual)


def test_wrap_keeps_a_label_within_its_lines():
    from mkba.plotting._style import wrap

    label = "Politiecontacten per jaar zonder Housing First (contacten/persoon/jaar)"
    assert wrap([label], 34)[0].count("\n") == 2  # three lines at 34 characters
    (two,) = wrap([label], 34, max_lines=2)
    assert two.count("\n") == 1 and two.replace("\n", " ") == label
    assert wrap(["Kort"], 34, max_lines=2) == ["Kort"]


# -- Monte Carlo ----------------------------------------------------------------------


def test_npv_distribution_states_probability_and_interval(mc):
    _fig, ax = plt.subplots()
    assert plotting.plot_npv_distribution(mc, ax=ax) is ax
    shown = texts(ax)
    p = mkba.formatting.format_number(100 * mc.prob_positive(), "nl") + "%"
    assert f"Kans op positief saldo: {p}" in shown
    assert "90%-interval:" in shown and "Mediaan:" in shown
    shares = [patch.get_height() for patch in ax.patches]
    assert sum(shares) == pytest.approx(1.0)
    hist = plotting.npv_histogram_frame(mc)
    assert hist["count"].sum() == mc.n_draws
    assert (hist["left"] == 0).any() or (hist["right"] <= 0).all() or (hist["left"] >= 0).all()


def test_stakeholder_uncertainty_shows_interval_and_chance(mc):
    _fig, ax = plt.subplots()
    assert plotting.plot_stakeholder_uncertainty(mc, ax=ax, lang="en") is ax
    shown = texts(ax)
    assert "P(>0) =" in shown and "Gemeente" in shown
    assert ax.get_xlabel() == "Net (€, 2025 prices)"


def test_scenarios_name_the_base_case_in_the_chart_language(model):
    sc = sensitivity.scenarios(model, {"Laag": {"prijs_nacht": 60}, "Hoog": {"prijs_nacht": 95}})
    ax = plotting.plot_scenarios(sc, lang="nl", price_year=2025)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["Basis", "Laag", "Hoog"]
    assert len(ax.patches) == 3
    assert ax.get_xlabel() == "Saldo (€, prijspeil 2025)"


@pytest.mark.parametrize("size", [None, (6.4, 4.8), (4.0, 3.0)])
def test_scenario_value_labels_stay_clear_of_the_scenario_names(size):
    # a long negative bar: its label used to run over the axis into the names
    sc = pd.DataFrame(
        {"npv": [1_824_714.0, -10_138_743.0, 12_756_947.0, 3_699_850.0]},
        index=pd.Index(["base", "Pessimistisch (alle parameters ongunstig)", "Optimistisch",
                        "Alleen begeleiding per week laag"], name="scenario"),
    )
    ax = None if size is None else plt.subplots(figsize=size, layout="constrained")[1]
    ax = plotting.plot_scenarios(sc, ax=ax)
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    names = [t.get_window_extent(renderer) for t in ax.get_yticklabels() if t.get_text()]
    values = [t for t in ax.texts if t.get_text().startswith("€")]
    assert len(values) == 4
    for text in values:
        box = text.get_window_extent(renderer)
        assert box.x0 >= frame.x0, text.get_text()  # right of the y axis, inside the axes
        assert not any(box.overlaps(name) for name in names), text.get_text()


def test_sobol_draws_first_order_and_total_by_label():
    frame = pd.DataFrame({
        "parameter": ["a", "b"], "label": ["Eerste", "Tweede"], "S1": [0.6, 0.3],
        "S1_conf_low": [0.5, 0.2], "S1_conf_high": [0.7, 0.4], "ST": [0.65, 0.35],
        "ST_conf_low": [0.55, 0.3], "ST_conf_high": [0.75, 0.4]})
    ax = plotting.plot_sobol(frame)
    assert len(ax.patches) == 4
    # largest total index first, at the top
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Eerste", "Tweede"]
    assert ax.get_yticks()[0] > ax.get_yticks()[1]
    assert "Eerste orde (S1)" in texts(ax)


def test_compare_draws_frames_and_results_but_never_evaluates(model, result):
    other = small_model(cost=300_000).replace(name="Duurder").evaluate()
    ax = plotting.plot_compare([result, other])
    assert len(ax.patches) == 3 * 2
    assert "Duurder" in texts(ax)
    assert ax.get_xlabel() == "Contante waarde (€, prijspeil 2025)"
    ax = plotting.plot_compare(mkba.compare([result, other]), lang="en")
    assert "Net present value" in texts(ax)
    with pytest.raises(MkbaTypeError, match="evaluate"):
        plotting.plot_compare([model])


def test_charts_refuse_the_wrong_object(model):
    with pytest.raises(MkbaTypeError, match="evaluate"):
        plotting.plot_cashflows(model)
    with pytest.raises(MkbaTypeError):
        plotting.plot_npv_distribution(object())


# -- house rules ----------------------------------------------------------------------


def test_importing_mkba_and_plotting_does_not_import_pyplot():
    code = ("import sys, mkba, mkba.plotting, mkba.report; "
            "print('matplotlib.pyplot' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


def test_charts_leave_rcparams_alone(result, mc):
    before = dict(matplotlib.rcParams)
    plotting.plot_cashflows(result)
    plotting.plot_npv_distribution(mc)
    assert dict(matplotlib.rcParams) == before


def test_result_plot_calls_the_chart(result):
    ax = result.plot("stakeholders", lang="en")
    assert "Who pays and who gains" in ax.get_title(loc="left")


def test_euro_formatter_uses_one_unit_per_axis():
    f = plotting.euro_formatter("nl")
    f.set_locs([-500_000, 0, 500_000, 1_000_000])
    assert [f(v) for v in (-500_000, 0, 1_000_000)] == ["€ −0,5 mln", "€ 0", "€ 1,0 mln"]
    f = plotting.euro_formatter("en")
    f.set_locs([0, 20_000, 40_000])
    assert [f(v) for v in (0, 20_000)] == ["€0", "€20,000"]


# -- every chart of every built-in model ----------------------------------------------


def test_every_chart_of_every_builtin_model_renders():
    interventions = pytest.importorskip("mkba.interventions")
    models = [interventions.load(name) for name in interventions.names()]
    for i, m in enumerate(models):
        lang = ("nl", "en")[i % 2]  # both languages, without drawing everything twice
        r = m.evaluate()
        objects = {
            "cashflows": r,
            "stakeholders": r,
            "tornado": sensitivity.one_way(m),
            "npv_distribution": sensitivity.monte_carlo(m, n_draws=200, rng=1),
            "sobol": sensitivity.sobol(m, n=32, rng=1),
            "scenarios": sensitivity.scenarios(m, {}),
        }
        objects["stakeholder_uncertainty"] = objects["npv_distribution"]
        for kind, obj in objects.items():
            fig, ax = plt.subplots()
            getattr(plotting, f"plot_{kind}")(obj, ax=ax, lang=lang)
            fig.canvas.draw()
            assert ax.has_data(), (m.name, kind)
            assert ax.get_xlabel() or ax.get_ylabel(), (m.name, kind)
            plt.close(fig)
    fig, ax = plt.subplots()
    plotting.plot_compare([m.evaluate() for m in models], ax=ax)
    assert len(ax.get_yticks()) == len(models)


def test_a_late_payback_label_stays_inside_the_axes() -> None:
    import matplotlib.pyplot as plt

    from mkba import Intervention, Model, Stream
    from mkba.plotting import plot_cashflows

    # -100 up front, 12 a year after: the cumulative sum turns positive only in year 9
    m = Model(
        name="laat", start_year=2025, horizon=10, discount=0.0,
        project=Intervention(name="p", streams=[
            Stream(name="Investering", kind="cost", stakeholder="Gemeente",
                   amount="100 * once(t, 0)"),
            Stream(name="Baten", kind="benefit", stakeholder="Gemeente",
                   amount="12 * between(t, 1, 20)")]),
    )
    r = m.evaluate()
    assert r.payback == 2034
    fig, ax = plt.subplots(layout="constrained")
    plot_cashflows(r, ax=ax)
    fig.canvas.draw()
    label = next(t for t in ax.texts if t.get_gid() == "payback_label")
    box = label.get_window_extent(fig.canvas.get_renderer())
    axes = ax.get_window_extent(fig.canvas.get_renderer())
    assert axes.x0 <= box.x0 and box.x1 <= axes.x1, (box, axes)
    plt.close(fig)
