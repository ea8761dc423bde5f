"""Text from a model is shown literally on every chart: a ``$`` is a dollar sign, never
TeX math that crashes the drawing or swallows the signs (issue 14, class 3)."""

from __future__ import annotations

import time

import matplotlib
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import matplotlib.text

from mkba import Cohort, Intervention, Model, Parameter, Stream, plotting, sensitivity
from mkba.distributions import PERT
from mkba.errors import MkbaError
from mkba.plotting._style import wrap

CRASH = "A $_{$ B"  # unbalanced: mathtext raises when it is drawn
SWALLOW = "Prijs $5 - $10"  # balanced: mathtext would eat the dollar signs


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def dollar_model(text: str = CRASH, name: str = SWALLOW, *, cohorts: bool = False) -> Model:
    # state names are identifiers: on the occupancy chart the model's name carries the $
    cohort = Cohort(name="groep", states=("straat", "woning"), start={"straat": 20},
                    transitions={("straat", "woning"): "p"}, counting="start")
    return Model(
        name=name, start_year=2025, horizon=4, discount=0.03,
        parameters=[
            Parameter(name="n", value=2.0, dist=PERT(1, 2, 3), label=text + " n", unit=text),
            Parameter(name="p", value=0.3, dist=PERT(0.1, 0.3, 0.5), label=SWALLOW + " p"),
        ],
        project=Intervention(name="P", cohorts=[cohort] if cohorts else [], streams=[
            Stream(name=text, kind="benefit", stakeholder=text + " actor",
                   category=text + " cat", amount="n * 10 + p"),
            Stream(name=text + " k", kind="cost", stakeholder=SWALLOW, category=SWALLOW,
                   amount="n * 4"),
        ]),
    )


def assert_literal(fig) -> None:
    fig.canvas.draw()  # raises here when a text is read as broken TeX
    texts = [t for t in fig.findobj(matplotlib.text.Text) if "$" in t.get_text()]
    assert texts, "the model's text is not on the chart"
    for t in texts:
        assert not t.get_parse_math() or "\\$" in t.get_text(), t.get_text()


def charts(m: Model):
    r = m.evaluate()
    mc = sensitivity.monte_carlo(m, n_draws=100, rng=1)
    yield "cashflows", plotting.plot_cashflows, r
    yield "stakeholders", plotting.plot_stakeholders, r
    yield "compare", plotting.plot_compare, [r]
    yield "tornado", plotting.plot_tornado, sensitivity.one_way(m)
    yield "scenarios", plotting.plot_scenarios, sensitivity.scenarios(m, {CRASH: {"n": 2.5}})
    yield "npv_distribution", plotting.plot_npv_distribution, mc
    yield "stakeholder_uncertainty", plotting.plot_stakeholder_uncertainty, mc
    yield "sobol", plotting.plot_sobol, sensitivity.sobol(m, n=16, rng=1)
    yield "two_way", plotting.plot_two_way, sensitivity.two_way(m, "n", "p", n=3)


@pytest.mark.parametrize("on_own_figure", [True, False])
def test_every_chart_shows_dollar_signs_literally(on_own_figure):
    for kind, draw, obj in charts(dollar_model()):
        if on_own_figure:
            ax = draw(obj)
        else:
            _fig, given_ax = plt.subplots()
            ax = draw(obj, ax=given_ax)
        try:
            assert_literal(ax.figure)
        except Exception as exc:
            raise AssertionError(f"plot_{kind}: {exc}") from exc
        plt.close(ax.figure)


def test_occupancy_shows_the_model_name_literally():
    ax = plotting.plot_occupancy(dollar_model(cohorts=True).evaluate())
    assert_literal(ax.figure)


def test_the_stakeholder_name_stays_as_written():
    ax = plotting.plot_stakeholders(dollar_model().evaluate())
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert CRASH + " actor" in labels and SWALLOW in labels


def test_text_on_the_callers_other_axes_is_left_alone():
    fig, (mine, theirs) = plt.subplots(1, 2)
    note = theirs.set_title("$x^2$")
    plotting.plot_stakeholders(dollar_model().evaluate(), ax=mine)
    assert note.get_parse_math()
    fig.canvas.draw()


def test_a_model_without_streams_draws():
    r = Model(name="leeg", start_year=2025, horizon=3,
              project=Intervention(name="P", streams=[])).evaluate()
    for draw in (plotting.plot_cashflows, plotting.plot_stakeholders):
        draw(r).figure.canvas.draw()
    assert plotting.stakeholder_frame(r).columns.tolist() == [
        "costs", "benefits", "transfers_in", "transfers_out", "net"]


def test_a_very_long_label_wraps_without_delay():
    t = time.perf_counter()
    (label,) = wrap(["woord " * 4000], 34, max_lines=2)
    assert label.count("\n") == 1
    assert time.perf_counter() - t < 2


# -- the fuzzer ---------------------------------------------------------------------------

SEEDS = ["$", "$$", CRASH, SWALLOW, "\\$", "$\\frac{1}{0}$", "$x^{$", "=1+1", "@x", "-",
         "<script>alert(1)</script>", "Te\x07st", "\x00", "\t", "\r\n", "x" * 3000, " ",
         "é€🙂", "_{", "\\"]
ALPHABET = st.characters(codec="utf-8", exclude_categories=["Cs"])
HOSTILE = st.one_of(
    st.sampled_from(SEEDS),
    st.builds(lambda p, body, q: p + body + q,
              st.sampled_from(["", "$", "=", "+", "-", "@", "\t", "\x07", "$\\", "<script>"]),
              st.text(ALPHABET, max_size=40), st.sampled_from(["", "$", "_{", "^", "\\"])),
)


@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")  # control characters
@settings(max_examples=50, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(model_name=HOSTILE, name=HOSTILE, stakeholder=HOSTILE, category=HOSTILE,
       label=HOSTILE, unit=HOSTILE)
def test_fuzz_hostile_text_on_charts(model_name, name, stakeholder, category, label, unit):
    try:
        m = Model(
            name=model_name, start_year=2025, horizon=3, discount=0.03,
            parameters=[Parameter(name="n", value=2.0, dist=PERT(1, 2, 3), label=label,
                                  unit=unit)],
            project=Intervention(name="P", streams=[
                Stream(name=name, kind="benefit", stakeholder=stakeholder, category=category,
                       amount="n * 10"),
                Stream(name=name + " k", kind="cost", stakeholder=stakeholder + " k",
                       category=category + " k", amount="n"),
            ]),
        )
    except MkbaError:
        event("refused when built")
        return
    try:
        r = m.evaluate()
        for draw, obj in ((plotting.plot_cashflows, r), (plotting.plot_stakeholders, r),
                          (plotting.plot_tornado, sensitivity.one_way(m))):
            fig, ax = plt.subplots()
            draw(obj, ax=ax)
            fig.canvas.draw()
            for t in fig.findobj(matplotlib.text.Text):
                if "$" in t.get_text():
                    assert not t.get_parse_math(), t.get_text()
            plt.close(fig)
    except MkbaError:
        event("MkbaError")
        return
    finally:
        plt.close("all")
    event("drawn")
