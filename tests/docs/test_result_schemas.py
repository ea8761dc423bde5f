"""The result-schemas page lists exactly the columns each result frame has."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import mkba
from mkba import sensitivity
from mkba.demo import example_model

PAGE = Path(__file__).resolve().parents[2] / "docs" / "result-schemas.md"


def _sections() -> dict[str, list[str]]:
    """Heading → the backticked names in the first column of the table under it."""
    out: dict[str, list[str]] = {}
    heading = ""
    for line in PAGE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            heading = line.lstrip("#").strip().strip("`")
            out[heading] = []
        elif line.startswith("| `") and heading:
            out[heading].append(re.match(r"\| `([^`]+)`", line).group(1))  # type: ignore[union-attr]
    return {k: v for k, v in out.items() if v}


MODEL = example_model()
RESULT = MODEL.evaluate()


def _people() -> mkba.Model:
    """A small model with a cohort in both alternatives, for the people-flow frames."""
    from mkba.distributions import Beta

    def alt(name: str, p: str) -> mkba.Intervention:
        c = mkba.Cohort(name="groep", states=("opvang", "woning"), start={"opvang": 10},
                        transitions={("opvang", "woning"): p})
        return mkba.Intervention(name=name, cohorts=[c], streams=[
            mkba.Stream(name="Opvang", kind="cost", stakeholder="G", amount="opvang * 10")])

    return mkba.Model(name="mensen", start_year=2025, horizon=3, discount=0.0,
                      parameters=[mkba.Parameter(name="p", dist=Beta(3, 7))],
                      project=alt("P", "p"), reference=alt("N", "0.1"))


PEOPLE = _people()

FRAMES: dict[str, Callable[[], Any]] = {
    "Result.to_frame()": RESULT.to_frame,
    "Result.flows()": RESULT.flows,
    "Result.by_stakeholder()": RESULT.by_stakeholder,
    "Result.summary()": RESULT.summary,
    "Result.cashflows()": RESULT.cashflows,
    "Result.yearly()": RESULT.yearly,
    "break_even(model, parameter).to_frame()": lambda: sensitivity.break_even(
        MODEL, "nachten_vermeden").to_frame(),
    "MonteCarloResult.histogram(metric, bins)": lambda: sensitivity.monte_carlo(
        MODEL, 200, rng=1).histogram(),
    "Result.occupancy()": PEOPLE.evaluate().occupancy,
    "Result.effects()": PEOPLE.evaluate().effects,
    "MonteCarloResult.occupancy()": lambda: sensitivity.monte_carlo(
        PEOPLE, 200, rng=1).occupancy(),
    "Result.table(lang)": lambda: RESULT.table("nl"),
    "mkba.compare(models)": lambda: mkba.compare([MODEL]),
    "one_way(model).to_frame()": lambda: sensitivity.one_way(MODEL).to_frame(),
    "two_way(model, a, b).to_frame()": lambda: sensitivity.two_way(
        MODEL, "prijs_nacht", "nachten_vermeden", n=3).to_frame(),
    "scenarios(model, {...}).to_frame()": lambda: sensitivity.scenarios(
        MODEL, {"Hoog": {"prijs_nacht": 90}}).to_frame(),
    "switching_values(model).to_frame()": lambda: sensitivity.switching_values(MODEL).to_frame(),
    "MonteCarloResult.summary()": lambda: sensitivity.monte_carlo(MODEL, 200, rng=1).summary(),
    "MonteCarloResult.by_stakeholder()": lambda: sensitivity.monte_carlo(
        MODEL, 200, rng=1).by_stakeholder(),
    "MonteCarloResult.to_frame()": lambda: sensitivity.monte_carlo(MODEL, 200, rng=1).to_frame(),
    "sobol(model, n, rng).to_frame()": lambda: sensitivity.sobol(MODEL, n=64, rng=1).to_frame(),
    "MonteCarloSummary.to_frame()": lambda: sensitivity.monte_carlo(
        MODEL, 200, rng=1, keep="summary").to_frame(),
    "MonteCarloSummary.quantile_accuracy()": lambda: sensitivity.monte_carlo(
        MODEL, 200, rng=1, keep="summary").quantile_accuracy(),
}


def _expected(heading: str, documented: list[str], frame: pd.DataFrame) -> list[str]:
    """Expand the placeholders (`<a>`, `net_<stakeholder>`) the page uses."""
    names: list[str] = []
    for name in documented:
        if name == "<a>":
            names.append("prijs_nacht")
        elif name == "<b>":
            names.append("nachten_vermeden")
        elif name == "net_<stakeholder>":
            names.extend(c for c in frame.columns if c.startswith("net_"))
        else:
            names.append(name)
    if heading == "Result.table(lang)":  # two languages in one table: the first column is nl
        names = documented[: len(frame.columns)]
    return names


def test_every_documented_frame_is_checked() -> None:
    # the page's title holds the table of result types (their plot kinds), not a frame
    unchecked = set(_sections()) - set(FRAMES) - {"Result schemas"}
    assert not unchecked, f"documented but not checked here: {sorted(unchecked)}"


def test_every_checked_frame_is_documented() -> None:
    undocumented = set(FRAMES) - set(_sections())
    assert not undocumented, f"checked but not documented: {sorted(undocumented)}"


@pytest.mark.filterwarnings("ignore:break_even of")  # the example's value lies outside
@pytest.mark.parametrize("heading", sorted(FRAMES))
def test_documented_columns_match_the_frame(heading: str) -> None:
    frame = FRAMES[heading]()
    documented = _sections()[heading]
    assert list(frame.columns) == _expected(heading, documented, frame)


def test_table_columns_in_both_languages() -> None:
    text = PAGE.read_text(encoding="utf-8")
    block = text.split("### `Result.table(lang)`", 1)[1].split("###", 1)[0]
    rows = [re.findall(r"`([^`]+)`", line)[:2] for line in block.splitlines()
            if line.startswith("| `")]
    nl, en = zip(*rows, strict=True)
    assert list(RESULT.table("nl").columns) == list(nl)
    assert list(RESULT.table("en").columns) == list(en)
